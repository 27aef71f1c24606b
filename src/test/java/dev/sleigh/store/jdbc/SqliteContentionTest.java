package dev.sleigh.store.jdbc;

import static dev.sleigh.testkit.Fixtures.commission;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.lifecycle.Command;
import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.store.CommandResult;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.testkit.MutableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Another process holding SQLite's write lock makes a command busy, never half-applied. */
class SqliteContentionTest {
  @TempDir Path home;

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aCommandBlockedByAnotherWriterIsRefusedBusyAndChangesNothing() throws Exception {
    String url = Stores.defaultUrl(home);
    MutableClock clock = MutableClock.at("2026-11-24T10:00:00Z");
    try (CommissionStore store = Stores.open(url, clock, new SplittableRandom(1))) {
      store.intake(commission("wc-a"), "c").orThrow();
      int events = store.events("wc-a", 0).size();
      try (Connection other = DriverManager.getConnection(url);
          Statement s = other.createStatement()) {
        s.execute("BEGIN IMMEDIATE");
        CommandResult result = store.execute(new Command.Cancel("wc-a", "op", "stop"));
        assertThat(result)
            .isInstanceOfSatisfying(
                CommandResult.Refused.class,
                r -> {
                  assertThat(r.error().code()).isEqualTo(ErrorCode.STORE_BUSY);
                  assertThat(r.error().retryable()).isTrue();
                });
        s.execute("ROLLBACK");
      }
      assertThat(store.events("wc-a", 0)).hasSize(events);
      assertThat(store.find("wc-a").orElseThrow().state().wire()).isEqualTo("queued");
      store.execute(new Command.Cancel("wc-a", "op", "stop")).orThrow();
      assertThat(store.find("wc-a").orElseThrow().state().wire()).isEqualTo("cancelled");
      assertThat(store.verify()).isEmpty();
    }
  }
}
