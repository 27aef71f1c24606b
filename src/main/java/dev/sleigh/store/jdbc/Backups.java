package dev.sleigh.store.jdbc;

import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.lifecycle.StoreError;
import dev.sleigh.store.CommissionStore.BackupReport;
import dev.sleigh.store.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * A consistent copy of a live SQLite store: {@code VACUUM INTO} reads one snapshot (runners go on
 * writing through WAL meanwhile) into a fresh file beside the target, which is synced, opened and
 * checked, and only then linked to the target's name. A backup file that exists is therefore always
 * whole. PostgreSQL has its own tools for this, and the refusal names them.
 */
final class Backups {
  static final String POSTGRES_REFUSAL =
      "backup copies a SQLite store; a PostgreSQL store is backed up with its own tools: 'pg_dump"
          + " --format=custom --file=FILE URL' while runners write, and 'pg_restore --dbname=URL"
          + " FILE' into an empty database to put it back";

  private Backups() {}

  static BackupReport write(Database db, Path target) {
    if (db.dialect() == Dialect.POSTGRES) {
      throw invalid(POSTGRES_REFUSAL);
    }
    Path file = target.toAbsolutePath().normalize();
    if (Files.exists(file)) {
      throw invalid(file + " exists; a backup never overwrites a file");
    }
    Path dir = file.getParent();
    if (!Files.isDirectory(dir)) {
      throw invalid("no directory " + dir + " for the backup");
    }
    Path partial =
        dir.resolve(
            file.getFileName()
                + ".partial-"
                + ProcessHandle.current().pid()
                + "-"
                + System.nanoTime());
    try {
      db.outsideTransaction(
          c -> {
            try (PreparedStatement p = c.prepareStatement("VACUUM INTO ?")) {
              p.setString(1, partial.toString());
              p.execute();
            }
            return null;
          });
      sync(partial);
      Counts counts = check(partial);
      place(partial, file);
      sync(dir);
      return new BackupReport(file, size(file), (int) counts.commissions(), counts.events());
    } finally {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException e) {
        // A leftover under a name nobody opens; the backup itself is whole or absent.
      }
    }
  }

  /**
   * Opens the copy read-only, runs SQLite's integrity check on it and counts what it holds: a
   * backup that would not restore is an error now, not at restore time.
   */
  private record Counts(long commissions, long events) {}

  private static Counts check(Path copy) {
    SqliteNative.prepare();
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.resetOpenMode(SQLiteOpenMode.CREATE);
    try (Connection c = config.createConnection("jdbc:sqlite:" + copy)) {
      List<String> found;
      try (PreparedStatement p = c.prepareStatement("PRAGMA integrity_check(10)");
          ResultSet rs = p.executeQuery()) {
        found = new ArrayList<>();
        while (rs.next()) {
          found.add(rs.getString(1));
        }
      }
      if (!found.equals(List.of("ok"))) {
        throw new StoreException(
            StoreError.of(
                ErrorCode.STORE_CORRUPT,
                "the backup failed its integrity check, so it was not kept: " + found));
      }
      return new Counts(count(c, "commissions"), count(c, "events"));
    } catch (SQLException e) {
      throw StoreFailures.openFailure(Dialect.SQLITE, copy.toString(), e);
    }
  }

  private static long count(Connection c, String table) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM " + table);
        ResultSet rs = p.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void place(Path partial, Path file) {
    try {
      Files.createLink(file, partial);
    } catch (FileAlreadyExistsException e) {
      throw invalid(file + " appeared while the backup was written; it was left as it is");
    } catch (IOException | UnsupportedOperationException noLinks) {
      try {
        Files.move(partial, file);
      } catch (FileAlreadyExistsException e) {
        throw invalid(file + " appeared while the backup was written; it was left as it is");
      } catch (IOException e) {
        throw StoreFailures.unavailable(
            "cannot write the backup " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /** {@code VACUUM INTO} does not sync what it wrote; a backup must survive a power cut. */
  private static void sync(Path path) {
    try (FileChannel ch =
        FileChannel.open(
            path, Files.isDirectory(path) ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
      ch.force(true);
    } catch (IOException e) {
      if (!Files.isDirectory(path)) {
        throw StoreFailures.unavailable(
            "cannot sync the backup " + path + ": " + e.getMessage(), e);
      }
      // Some file systems cannot sync a directory; the file itself is synced.
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  private static StoreException invalid(String message) {
    return new StoreException(StoreError.of(ErrorCode.INVALID, message));
  }
}
