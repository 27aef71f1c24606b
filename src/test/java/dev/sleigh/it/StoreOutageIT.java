package dev.sleigh.it;

import static dev.sleigh.it.SleighProject.EXIT;
import static dev.sleigh.it.SleighProject.LINE;
import static dev.sleigh.it.SleighProject.describe;
import static dev.sleigh.it.SleighProject.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.it.SleighProject.Tuning;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store becomes unreachable for two lease times while an agent works: SQLite locked by another
 * process, PostgreSQL stopped and started again. The runner rides through: it stays up, its agent
 * keeps working, and once the store is back it renews the lease nobody took over, at the same
 * epoch, instead of fencing itself and running the agent again.
 */
class StoreOutageIT {
  /** Two lease times: long enough that the lease expires while the store cannot be reached. */
  private static final Duration OUTAGE = Tuning.LEASE_TTL.multipliedBy(2);

  /** Counts its launches; works, with output, until the test creates {@code go}. */
  private static final String AGENT =
      """
      echo "$$" >> "$SLEIGH_IT_DIR/launches"
      beacon "working $SLEIGH_COMMISSION_ID $SLEIGH_ATTEMPT $$"
      while [ ! -e "$SLEIGH_IT_DIR/go" ]; do echo tick; sleep 0.1; done
      echo "attempt $SLEIGH_ATTEMPT" >> src/outage.txt
      """;

  private static final Pattern OUTAGE_STARTED = Pattern.compile("The store cannot be reached");
  private static final Pattern OUTAGE_ENDED = Pattern.compile("The store is reachable again");

  @TempDir Path tmp;

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void aSqliteStoreLockedByAnotherProcessDuringExecuteIsRiddenThroughWithOneAgentLaunch(
      TestInfo test) throws Exception {
    try (SleighProject project = new SleighProject(tmp, name(test))) {
      SleighProcess runner = startExecuting(project);
      Instant released;
      try (SqliteWriteLock.Held lock =
          SqliteWriteLock.hold(project.sqliteFile(), Duration.ofSeconds(20))) {
        assertThat(runner.exitsWithin(OUTAGE))
            .as("the runner exited while the store was locked\n" + runner.log())
            .isFalse();
        long expiresAt =
            lock.readLong("SELECT lease_expires_at FROM commissions WHERE id = ?", "wc-outage");
        assertThat(Instant.ofEpochMilli(expiresAt))
            .as("the lease expired while the store was locked")
            .isBefore(Instant.now());
        released = Instant.now();
      }
      finishAfterTheOutage(project, runner, released);
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aPostgresStoreStoppedAndStartedAgainDuringExecuteIsRiddenThroughWithOneAgentLaunch(
      TestInfo test) throws Exception {
    try (PostgresServer server = PostgresServer.start(tmp.resolve("pgdata"))) {
      String url = server.createDatabase("sleigh");
      try (SleighProject project = new SleighProject(tmp.resolve("project"), name(test), url)) {
        SleighProcess runner = startExecuting(project);
        Instant expiresAt =
            Instant.parse(project.show("wc-outage").path("lease").path("expires_at").asText());
        server.stop();
        assertThat(runner.exitsWithin(OUTAGE))
            .as("the runner exited while the store was down\n" + runner.log())
            .isFalse();
        server.startAgain();
        Instant released = Instant.now();
        assertThat(released).as("the lease expired while the store was down").isAfter(expiresAt);
        finishAfterTheOutage(project, runner, released);
      }
    }
  }

  private static String name(TestInfo test) {
    return StoreOutageIT.class.getSimpleName() + "." + test.getTestMethod().orElseThrow().getName();
  }

  /** One commission, one runner, and the agent at work in execute attempt 1. */
  private static SleighProcess startExecuting(SleighProject project) throws Exception {
    project.configure(AGENT, Tuning.standard());
    project.commission("wc-outage");
    SleighProcess runner = project.runner("runner-1", "--drain", "--runner-id", "runner-1");
    runner.awaitLine(Pattern.compile("wc-outage: execute attempt 1 started"), LINE);
    project.beacon.await(Pattern.compile("^working wc-outage 1 "), LINE);
    return runner;
  }

  /**
   * After the store came back at {@code released}: the runner stays up with its lease renewed at
   * epoch 1, the agent finishes, and the commission completes with one execute attempt and one
   * agent launch, no lease expiry, a clean event log and the outage logged at most once.
   */
  private static void finishAfterTheOutage(
      SleighProject project, SleighProcess runner, Instant released) throws Exception {
    // The window in which a runner that fenced itself would sweep its own lease away.
    assertThat(runner.exitsWithin(OUTAGE))
        .as("the runner exited after the store came back\n" + runner.log())
        .isFalse();
    JsonNode lease = project.show("wc-outage").path("lease");
    assertThat(lease.path("runner_id").asText()).as(lease.toString()).isEqualTo("runner-1");
    assertThat(lease.path("epoch").asLong()).as(lease.toString()).isEqualTo(1);
    assertThat(Instant.parse(lease.path("expires_at").asText()))
        .as("the lease was renewed after the outage: " + lease)
        .isAfter(released);

    Files.writeString(project.dir.resolve("go"), "go\n");
    assertThat(runner.awaitExit(EXIT)).as(runner.log()).isZero();

    List<JsonNode> events = project.events("wc-outage");
    String history = describe(events) + "\n" + runner.log();
    assertThat(project.show("wc-outage").path("state").asText()).as(history).isEqualTo("completed");
    assertThat(ofType(events, "phase_started", "execute")).as(history).hasSize(1);
    assertThat(ofType(events, "lease_expired")).as(history).isEmpty();
    assertThat(ofType(events, "claimed")).as(history).hasSize(1);
    assertThat(events).as(history).allMatch(e -> e.path("epoch").asLong() <= 1);
    assertThat(Files.readAllLines(project.dir.resolve("launches")))
        .as("agent launches\n" + runner.log())
        .hasSize(1);
    assertThat(Files.readAllLines(project.workspace("wc-outage").resolve("src/outage.txt")))
        .containsExactly("attempt 1");
    JsonNode verify = project.verify();
    assertThat(verify.path("ok").asBoolean()).as(verify.toString()).isTrue();
    assertLoggedOnce(runner);
    project.assertNoAgentLeft("after the runner ended");
  }

  /** At most one warning that the store is gone and one note that it is back; no stack traces. */
  private static void assertLoggedOnce(SleighProcess runner) {
    List<String> lines = runner.lines();
    long started = lines.stream().filter(l -> OUTAGE_STARTED.matcher(l).find()).count();
    long ended = lines.stream().filter(l -> OUTAGE_ENDED.matcher(l).find()).count();
    assertThat(started).as(runner.log()).isLessThanOrEqualTo(1);
    assertThat(ended).as(runner.log()).isEqualTo(started);
    assertThat(lines)
        .as("stack traces in the runner's log\n" + runner.log())
        .noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by"));
  }
}
