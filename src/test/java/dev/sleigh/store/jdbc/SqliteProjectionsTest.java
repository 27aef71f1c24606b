package dev.sleigh.store.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteProjectionsTest extends ProjectionsContract {
  @TempDir Path dir;

  @Override
  String newStoreUrl() {
    return Stores.defaultUrl(dir);
  }
}
