package dev.sleigh.store.jdbc;

import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.lifecycle.StoreError;
import dev.sleigh.store.StoreException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

/**
 * The SQLite store's file. A store that does not exist yet is created whole, under a name of its
 * own, migrated, and only then linked into place: so a {@code sleigh.db} is never seen half made,
 * and one that is empty (0 bytes) can only be damage, which is refused rather than silently
 * becoming an empty store. Without {@code create} a missing file is {@code store_missing}.
 */
final class SqliteFiles {
  private SqliteFiles() {}

  static Database open(String url, boolean create, long nowMillis) {
    Path file = Path.of(url.substring("jdbc:sqlite:".length())).toAbsolutePath();
    if (!Files.exists(file)) {
      if (!create) {
        throw new StoreException(
            StoreError.of(ErrorCode.STORE_MISSING, StoreFailures.missing(file.toString())));
      }
      createWhole(file, nowMillis);
    }
    refuseEmpty(file);
    return connect(file, false);
  }

  /** A zero-length store file: what a failed copy or a full disk leaves, never a real store. */
  private static void refuseEmpty(Path file) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw StoreFailures.unavailable("cannot read the store " + file + ": " + e.getMessage(), e);
    }
    if (size == 0) {
      throw new StoreException(
          StoreError.of(
              ErrorCode.STORE_CORRUPT,
              "the store "
                  + file
                  + " is empty (0 bytes): it holds no store, and sleigh does not start an empty one"
                  + " in its place; restore the latest backup there (see 'sleigh backup'), or"
                  + " remove the file to start a new, empty store"));
    }
  }

  /**
   * Builds the store under a fresh name beside {@code file} and links it into place, unless another
   * process got there first (then theirs is used). The fresh name goes away whatever happens.
   */
  private static void createWhole(Path file, long nowMillis) {
    Path dir = file.getParent();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw StoreFailures.unavailable(
          "cannot create the directory of " + file + ": " + e.getMessage(), e);
    }
    Path fresh =
        dir.resolve(file.getFileName() + ".new-" + ProcessHandle.current().pid() + "-" + nowMillis);
    try {
      try (Database db = connect(fresh, true)) {
        Migrator.migrate(db, fresh.toString(), nowMillis);
      }
      place(fresh, file);
    } finally {
      for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
        try {
          Files.deleteIfExists(Path.of(fresh + suffix));
        } catch (IOException e) {
          // Only a leftover under a name nobody opens.
        }
      }
    }
  }

  private static void place(Path fresh, Path file) {
    try {
      Files.createLink(file, fresh);
    } catch (FileAlreadyExistsException raced) {
      // Another process created the store meanwhile: it is whole too, and it is the one to use.
    } catch (IOException | UnsupportedOperationException noLinks) {
      try {
        Files.move(fresh, file);
      } catch (FileAlreadyExistsException raced) {
        // As above.
      } catch (IOException e) {
        throw StoreFailures.unavailable(
            "cannot create the store " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * A read-only connection of a work watch: it only asks {@code PRAGMA data_version}, which tells
   * whether another connection committed since it last asked.
   */
  static Connection watcher(Path file) throws SQLException {
    SqliteNative.prepare();
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(1_000);
    config.resetOpenMode(SQLiteOpenMode.CREATE);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + file);
    return source.getConnection();
  }

  /** One connection: WAL, {@code synchronous=FULL}, a busy timeout; creating the file or not. */
  static Database connect(Path file, boolean create) {
    SqliteNative.prepare();
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(5_000);
    config.enforceForeignKeys(true);
    if (!create) {
      config.resetOpenMode(SQLiteOpenMode.CREATE);
    }
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + file);
    try {
      Connection connection = source.getConnection();
      return Database.single(Dialect.SQLITE, connection, file.toString(), () -> watcher(file));
    } catch (SQLException e) {
      throw StoreFailures.openFailure(Dialect.SQLITE, file.toString(), e);
    }
  }
}
