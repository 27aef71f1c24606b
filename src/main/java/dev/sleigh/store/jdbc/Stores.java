package dev.sleigh.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.lifecycle.StoreError;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.StoreException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.random.RandomGenerator;

/**
 * Opens the store a URL names, migrating its schema first: {@link #open} creates it when there is
 * none (the commands that legitimately start a store), {@link #openExisting} refuses with {@code
 * store_missing} instead (every other command), so a mistyped home never shows an empty store.
 */
public final class Stores {
  private Stores() {}

  /** The default store: {@code <home>/sleigh.db}. */
  public static String defaultUrl(Path home) {
    return "jdbc:sqlite:" + home.resolve("sleigh.db").toAbsolutePath();
  }

  /** Opens the store, creating it (and the directories of a SQLite file) when there is none. */
  public static CommissionStore open(String url, InstantSource clock, RandomGenerator random) {
    return open(url, clock, random, true);
  }

  /** Opens the store only when it exists; {@code store_missing} otherwise, and nothing created. */
  public static CommissionStore openExisting(
      String url, InstantSource clock, RandomGenerator random) {
    return open(url, clock, random, false);
  }

  private static CommissionStore open(
      String url, InstantSource clock, RandomGenerator random, boolean create) {
    Database db;
    if (url.startsWith("jdbc:sqlite:")) {
      db = SqliteFiles.open(url, create, clock.millis());
    } else if (url.startsWith("jdbc:postgresql:")) {
      db = postgres(url);
      if (!create) {
        requireSchema(db, url);
      }
    } else {
      throw new StoreException(
          StoreError.of(
              ErrorCode.INVALID,
              "--store: unsupported URL '"
                  + url
                  + "'; use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB"));
    }
    try {
      Migrator.migrate(db, StoreFailures.redact(url), clock.millis());
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    return new JdbcCommissionStore(db, clock, random);
  }

  private static Database postgres(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(8);
    config.setConnectionTimeout(5_000);
    config.setPoolName("sleigh-store");
    try {
      HikariDataSource pool = new HikariDataSource(config);
      return Database.pooled(Dialect.POSTGRES, pool, pool, StoreFailures.redact(url));
    } catch (RuntimeException e) {
      throw StoreFailures.unavailable(
          "cannot reach the PostgreSQL store "
              + StoreFailures.redact(url)
              + ": "
              + StoreFailures.rootMessage(e),
          e);
    }
  }

  /** A database without Sleigh's schema holds no store: only a creating command starts one. */
  private static void requireSchema(Database db, String url) {
    boolean present;
    try {
      present =
          db.transaction(
              c -> {
                try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT to_regclass('schema_version')")) {
                  return rs.next() && rs.getString(1) != null;
                }
              });
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    if (!present) {
      db.close();
      throw new StoreException(
          StoreError.of(ErrorCode.STORE_MISSING, StoreFailures.missing(StoreFailures.redact(url))));
    }
  }
}
