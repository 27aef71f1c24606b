package dev.sleigh.store.jdbc;

import dev.sleigh.testkit.PostgresFixture;

class PostgresLifecycleTableTest extends LifecycleTableContract {
  @Override
  String newStoreUrl() {
    return PostgresFixture.newDatabaseUrl();
  }
}
