package dev.sleigh.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.ErrorCode;
import dev.sleigh.store.StoreError;
import dev.sleigh.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.random.RandomGenerator;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Opens the store a URL names, migrating its schema first. */
public final class Stores {
  private Stores() {}

  /** The default store: {@code <home>/sleigh.db}. */
  public static String defaultUrl(Path home) {
    return "jdbc:sqlite:" + home.resolve("sleigh.db").toAbsolutePath();
  }

  public static CommissionStore open(String url, InstantSource clock, RandomGenerator random) {
    Database db;
    if (url.startsWith("jdbc:sqlite:")) {
      db = sqlite(url);
    } else if (url.startsWith("jdbc:postgresql:")) {
      db = postgres(url);
    } else {
      throw new StoreException(
          StoreError.of(
              ErrorCode.INVALID,
              "--store: unsupported URL '"
                  + url
                  + "'; use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB"));
    }
    try {
      Migrator.migrate(db, redact(url), clock.millis());
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    return new JdbcCommissionStore(db, clock, random);
  }

  private static Database sqlite(String url) {
    Path file = Path.of(url.substring("jdbc:sqlite:".length()));
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
    } catch (IOException e) {
      throw unavailable("cannot create the directory of " + file + ": " + e.getMessage(), e);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(5_000);
    config.enforceForeignKeys(true);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl(url);
    try {
      Connection connection = source.getConnection();
      return Database.single(Dialect.SQLITE, connection);
    } catch (SQLException e) {
      throw unavailable("cannot open the SQLite store " + file + ": " + e.getMessage(), e);
    }
  }

  private static Database postgres(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(8);
    config.setConnectionTimeout(5_000);
    config.setPoolName("sleigh-store");
    try {
      HikariDataSource pool = new HikariDataSource(config);
      return Database.pooled(Dialect.POSTGRES, pool, pool);
    } catch (RuntimeException e) {
      throw unavailable(
          "cannot reach the PostgreSQL store " + redact(url) + ": " + rootMessage(e), e);
    }
  }

  private static StoreException unavailable(String message, Exception cause) {
    return new StoreException(StoreError.of(ErrorCode.STORE_UNAVAILABLE, message), cause);
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  /** The URL without a password, for messages. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }
}
