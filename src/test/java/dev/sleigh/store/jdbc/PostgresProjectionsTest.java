package dev.sleigh.store.jdbc;

import dev.sleigh.testkit.PostgresFixture;

class PostgresProjectionsTest extends ProjectionsContract {
  @Override
  String newStoreUrl() {
    return PostgresFixture.newDatabaseUrl();
  }
}
