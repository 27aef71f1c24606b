package dev.sleigh.it;

import static dev.sleigh.it.SleighProject.EXIT;
import static dev.sleigh.it.SleighProject.LINE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.it.SleighProject.CommissionSpec;
import dev.sleigh.it.SleighProject.Tuning;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code sleigh backup} of a store a runner process is writing to: every copy is whole and passes
 * verify, and a copy restored as docs/store.md says (runners stopped, the store's files moved away,
 * the copy put in their place) is carried to the end by a new runner.
 */
class BackupIT extends ProjectTest {
  /**
   * Quick, but {@code wc-hold} waits at the gate until the test opens it: the runner cannot drain
   * before every backup is taken, and its other slot keeps writing meanwhile.
   */
  private static final String AGENT =
      """
      beacon "working $SLEIGH_COMMISSION_ID"
      if [ "$SLEIGH_COMMISSION_ID" = wc-hold ]; then read -r line < "$SLEIGH_IT_DIR/gate"; fi
      mkdir -p src && echo "$SLEIGH_COMMISSION_ID $SLEIGH_ATTEMPT" > src/out.txt
      """;

  private static final int FREE = 12;
  private static final Pattern FREE_AGENT = Pattern.compile("^working wc-\\d+$");

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void backupsOfALiveStoreAreWholeAndARestoredOneIsCarriedToTheEnd() throws Exception {
    project.configure(AGENT, Tuning.standard().stallTimeout("120s"));
    List<CommissionSpec> specs = new ArrayList<>();
    specs.add(new CommissionSpec("wc-hold", "repo", List.of()));
    IntStream.rangeClosed(1, FREE)
        .forEach(i -> specs.add(new CommissionSpec("wc-%02d".formatted(i), "repo", List.of())));
    project.commissions("all.yaml", specs);
    Path backups = Files.createDirectories(project.dir.resolve("backups"));

    List<JsonNode> taken = new ArrayList<>();
    try (AgentGate gate = AgentGate.open(project.dir.resolve("gate"))) {
      SleighProcess runner = project.runner("runner-1", "--drain");
      for (int n = 1; n <= 3; n++) {
        // Each backup after a few more agents have started: the runner is writing around it.
        for (int agents = 0; agents < 3; agents++) {
          project.beacon.await(FREE_AGENT, LINE);
        }
        SleighProject.Cli backup =
            project.cli("backup", backups.resolve("live-" + n + ".db").toString(), "--json");
        assertThat(backup.exit()).as(backup.err()).isZero();
        assertThat(runner.isAlive())
            .as("the runner writes on while backup %d is taken", n)
            .isTrue();
        taken.add(backup.json());
      }
      gate.release();
      assertThat(runner.awaitExit(EXIT)).as(runner.log()).isZero();

      JsonNode verified = project.verify();
      assertThat(verified.path("ok").asBoolean()).as(verified.toString()).isTrue();
      long finalEvents = events(project.cli("commission", "list", "--json").json());
      assertThat(states()).as("every commission completed").containsOnly("completed");
      for (int n = 1; n <= 3; n++) {
        JsonNode backup = taken.get(n - 1);
        assertThat(backup.path("commissions").asInt()).isEqualTo(FREE + 1);
        assertThat(backup.path("events").asLong())
            .as("backup %d holds what was written by then, not after", n)
            .isLessThan(finalEvents);
        Path home = Files.createDirectories(project.dir.resolve("restored-" + n));
        Files.copy(Path.of(backup.path("file").asText()), home.resolve("sleigh.db"));
        SleighProject.Cli verify = project.cli("verify", "--home", home.toString(), "--json");
        assertThat(verify.exit()).as("backup %d: %s %s", n, verify.out(), verify.err()).isZero();
        assertThat(verify.json().path("integrity").path("ok").asBoolean()).isTrue();
        assertThat(verify.json().path("commissions_checked").asInt()).isEqualTo(FREE + 1);
      }

      restore(Path.of(taken.get(1).path("file").asText()));
      assertThat(project.show("wc-hold").path("state").asText())
          .as("the restored store is the one of the backup")
          .isNotEqualTo("completed");
      gate.release();
      SleighProcess again = project.runner("runner-2", "--drain");
      assertThat(again.awaitExit(EXIT)).as(again.log()).isZero();
    }
    assertThat(states()).as("the restored store carried to the end").containsOnly("completed");
    JsonNode verified = project.verify();
    assertThat(verified.path("ok").asBoolean()).as(verified.toString()).isTrue();
    project.assertNoAgentLeft("after both runners");
  }

  /** What docs/store.md says: with every runner stopped, the copy replaces the store's files. */
  private void restore(Path backup) throws Exception {
    Path db = project.sqliteFile();
    for (String suffix : List.of("", "-wal", "-shm")) {
      Path file = Path.of(db + suffix);
      if (Files.exists(file)) {
        Files.move(file, Path.of(db + suffix + ".damaged"), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.copy(backup, db);
  }

  private List<String> states() {
    SleighProject.Cli list = project.cli("commission", "list", "--json");
    assertThat(list.exit()).as(list.err()).isZero();
    return StreamSupport.stream(list.json().path("commissions").spliterator(), false)
        .map(c -> c.path("state").asText())
        .toList();
  }

  /** How many events the store holds, counted over every commission's log. */
  private long events(JsonNode list) {
    long total = 0;
    for (JsonNode c : list.path("commissions")) {
      total += project.events(c.path("id").asText()).size();
    }
    return total;
  }
}
