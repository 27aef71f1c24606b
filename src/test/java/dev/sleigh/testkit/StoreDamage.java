package dev.sleigh.testkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Damages a closed SQLite store the way a bad disk or a stray write would: garbage over whole pages
 * that hold data, never the header. The garbage is the same on every run, and {@link
 * #integrityCheck} lets a test make sure SQLite itself sees the damage before it looks at Sleigh.
 */
public final class StoreDamage {
  private StoreDamage() {}

  /** The store's page size, read from its header (bytes 16-17; 1 means 65536). */
  public static int pageSize(Path db) {
    try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "r")) {
      f.seek(16);
      int size = f.readUnsignedShort();
      return size == 1 ? 65536 : size;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Overwrites {@code bytes} (whole pages) from the page in the middle of the file. The store must
   * be closed, and checkpointed ({@code -wal} absent), or SQLite may put the pages back.
   */
  public static void overwriteMiddle(Path db, int bytes) {
    requireCheckpointed(db);
    int page = pageSize(db);
    long pages = size(db) / page;
    if (pages < 8) {
      throw new IllegalStateException(db + " has only " + pages + " pages; write more first");
    }
    overwrite(db, (pages / 2) * page, bytes);
  }

  /** Overwrites the whole page {@code number} (counted from 1, as SQLite does). */
  public static void overwritePage(Path db, long number) {
    requireCheckpointed(db);
    if (number < 2) {
      throw new IllegalArgumentException("page 1 holds the header; damage a later page");
    }
    int page = pageSize(db);
    overwrite(db, (number - 1) * page, page);
  }

  /** The page number of the root of {@code table}'s b-tree, from the schema. */
  public static long rootPage(Path db, String table) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        PreparedStatement p =
            c.prepareStatement(
                "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?")) {
      p.setString(1, table);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("no table " + table + " in " + db);
        }
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * What SQLite's own {@code PRAGMA integrity_check} says, row by row ({@code ["ok"]} when clean);
   * the check failing outright is one row with its message.
   */
  public static List<String> integrityCheck(Path db) {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        PreparedStatement p = c.prepareStatement("PRAGMA integrity_check");
        ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    } catch (SQLException e) {
      rows.add(e.getMessage());
    }
    return rows;
  }

  private static void overwrite(Path db, long offset, int bytes) {
    byte[] garbage = new byte[bytes];
    new SplittableRandom(8).nextBytes(garbage);
    try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
      f.seek(offset);
      f.write(garbage);
      f.getFD().sync();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requireCheckpointed(Path db) {
    Path wal = Path.of(db + "-wal");
    if (Files.exists(wal) && size(wal) > 0) {
      throw new IllegalStateException(db + " has a write-ahead log; close every connection first");
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
