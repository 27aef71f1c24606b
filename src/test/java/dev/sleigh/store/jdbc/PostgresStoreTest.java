package dev.sleigh.store.jdbc;

import dev.sleigh.testkit.PostgresFixture;

class PostgresStoreTest extends StoreContract {
  @Override
  String newStoreUrl() {
    return PostgresFixture.newDatabaseUrl();
  }
}
