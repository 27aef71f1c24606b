package dev.sleigh.store.jdbc;

import dev.sleigh.testkit.PostgresFixture;

class PostgresQueuesAndPlansTest extends QueuesAndPlansContract {
  @Override
  String newStoreUrl() {
    return PostgresFixture.newDatabaseUrl();
  }
}
