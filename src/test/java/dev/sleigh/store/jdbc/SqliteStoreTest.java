package dev.sleigh.store.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContract {
  @TempDir Path dir;
  private int stores;

  @Override
  String newStoreUrl() {
    return Stores.defaultUrl(dir.resolve("home-" + (++stores)));
  }
}
