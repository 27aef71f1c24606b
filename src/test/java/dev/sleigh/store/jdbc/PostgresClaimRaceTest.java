package dev.sleigh.store.jdbc;

import dev.sleigh.testkit.PostgresFixture;

class PostgresClaimRaceTest extends ClaimRaceContract {
  @Override
  String newStoreUrl() {
    return PostgresFixture.newDatabaseUrl();
  }
}
