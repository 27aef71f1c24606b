package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.testkit.GitRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sleigh plan apply|show} in-process: a plan of twenty entries with dependencies is applied
 * all or nothing, again as a no-op, and run to completion in dependency order by a command agent
 * with real git; a broken entry refuses the whole plan.
 */
class PlanCommandTest {
  private static final int ENTRIES = 20;

  @TempDir Path dir;
  RealClockCli cli;

  @BeforeEach
  void project() throws Exception {
    cli = new RealClockCli(dir);
    GitRepos.create(dir.resolve("repo"));
    assertThat(cli.run("decision", "add", "--id", "dec-a", "--title", "A").exit()).isZero();
    Path agent =
        cli.write(
            "agent.sh",
            """
            #!/bin/bash
            grep -qx "$SLEIGH_COMMISSION_ID" %s || echo "$SLEIGH_COMMISSION_ID" >> %s
            echo done > "src/$SLEIGH_COMMISSION_ID.txt"
            """
                .formatted(order(), order()));
    agent.toFile().setExecutable(true);
    Files.writeString(order(), "");
    cli.write(
        "sleigh.md",
        """
        ---
        engine: {poll_interval: 100ms, concurrency: 4, lease_ttl: 5s, cancel_grace: 1s}
        agent: {kind: command, command: ["%s"], stall_timeout: 10s, turn_timeout: 60s}
        ---
        ## Execute
        {{commission.body}}
        """
            .formatted(agent));
  }

  private Path order() {
    return dir.resolve("order.txt");
  }

  /**
   * Entry {@code i} (1-based) waits for the one before it in its row of four, and the one above.
   */
  private static List<Integer> dependencies(int i) {
    List<Integer> deps = new ArrayList<>();
    if (i % 4 != 1) {
      deps.add(i - 1);
    }
    if (i > 4) {
      deps.add(i - 4);
    }
    return deps;
  }

  private static String name(int i) {
    return "e%02d".formatted(i);
  }

  /**
   * The plan file: seven lines of head, then four lines per entry, so entry {@code i} (1-based)
   * starts on line {@code 8 + 4 * (i - 1)} and its title is on the line after.
   */
  static String planYaml(String revision, String firstBody) {
    StringBuilder y = new StringBuilder();
    y.append("id: big\n");
    y.append("revision: ").append(revision).append('\n');
    y.append("defaults:\n");
    y.append("  decision: {id: dec-a}\n");
    y.append("  repo: {path: repo, base_ref: main}\n");
    y.append("  scope: {allowed_paths: [\"src/**\"]}\n");
    y.append("entries:\n");
    for (int i = 1; i <= ENTRIES; i++) {
      y.append("  - name: ").append(name(i)).append('\n');
      y.append("    title: Entry ").append(i).append('\n');
      y.append("    body: ").append(i == 1 ? firstBody : "write " + name(i)).append('\n');
      y.append("    depends_on: [")
          .append(String.join(", ", dependencies(i).stream().map(PlanCommandTest::name).toList()))
          .append("]\n");
    }
    return y.toString();
  }

  private List<JsonNode> commissions() {
    var list = cli.run("commission", "list", "--json");
    assertThat(list.exit()).as(list.err()).isZero();
    return StreamSupport.stream(list.json().path("commissions").spliterator(), false).toList();
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void aPlanOfTwentyAppliesOnceAndRunsToCompletionInDependencyOrder() throws Exception {
    cli.write("plan.yaml", planYaml("1", "write e01"));

    var applied = cli.run("plan", "apply", "-f", "plan.yaml");
    assertThat(applied.exit()).as(applied.err()).isZero();
    assertThat(applied.out()).contains("created    e01: big.e01", "plan big revision 1 applied");
    assertThat(commissions()).hasSize(ENTRIES);
    assertThat(cli.run("commission", "show", "big.e06", "--json").json().path("depends_on"))
        .extracting(JsonNode::asText)
        .containsExactly("big.e02", "big.e05");

    var again = cli.run("plan", "apply", "-f", "plan.yaml", "--json");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.json().path("changed").asBoolean()).isFalse();
    assertThat(cli.run("plan", "apply", "-f", "plan.yaml").out())
        .contains("plan big revision 1 is already applied; nothing changed");
    assertThat(commissions()).hasSize(ENTRIES);
    assertThat(cli.run("commission", "events", "big.e01", "--json").json().path("events"))
        .hasSize(1);

    var run = cli.drain();
    assertThat(run.exit()).as(run.err()).isZero();

    var show = cli.run("plan", "show", "big", "--json");
    assertThat(show.exit()).as(show.err()).isZero();
    assertThat(show.json().path("entries")).hasSize(ENTRIES);
    assertThat(show.json().path("entries"))
        .extracting(e -> e.path("state").asText())
        .containsOnly("completed");
    List<String> ran = Files.readAllLines(order());
    assertThat(ran).hasSize(ENTRIES);
    for (int i = 1; i <= ENTRIES; i++) {
      for (int dep : dependencies(i)) {
        assertThat(ran.indexOf("big." + name(dep)))
            .as("big.%s ran before big.%s", name(dep), name(i))
            .isLessThan(ran.indexOf("big." + name(i)));
      }
    }
    var text = cli.run("plan", "show", "big");
    assertThat(text.out())
        .contains("plan big  revision 1", "big.e06", "completed", "after big.e02, big.e05");

    cli.write("plan.yaml", planYaml("2", "write e01 again"));
    var changed = cli.run("plan", "apply", "-f", "plan.yaml");
    assertThat(changed.exit()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(changed.err()).contains("entry 'e01' (big.e01, completed)", "Nothing was applied");
    assertThat(cli.run("plan", "show", "big", "--json").json().path("revision").asText())
        .isEqualTo("1");
  }

  @Test
  void aPlanWhoseLastEntryConflictsCreatesNothing() {
    cli.write(
        "other.yaml",
        """
        id: big.e20
        title: Someone else's
        decision: {id: dec-a}
        repo: {path: repo, base_ref: main}
        scope: {allowed_paths: ["docs/**"]}
        """);
    assertThat(cli.run("commission", "create", "-f", "other.yaml").exit()).isZero();
    cli.write("plan.yaml", planYaml("1", "write e01"));

    var applied = cli.run("plan", "apply", "-f", "plan.yaml");

    assertThat(applied.exit()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(applied.err()).contains("entry 'e20'", "big.e20", "nothing of the plan was applied");
    assertThat(commissions()).extracting(c -> c.path("id").asText()).containsExactly("big.e20");
    assertThat(cli.run("plan", "show", "big").exit()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void aBrokenEntryOnLine37RejectsTheWholePlanNamingEveryProblem() {
    List<String> lines = new ArrayList<>(planYaml("1", "write e01").lines().toList());
    assertThat(lines.get(36)).isEqualTo("    title: Entry 8");
    lines.set(36, "    priority: 9");
    lines.set(8 + 4 * 14 + 2, "    depends_on: [e99]");
    cli.write("plan.yaml", String.join("\n", lines) + "\n");

    var applied = cli.run("plan", "apply", "-f", "plan.yaml");

    assertThat(applied.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(applied.err())
        .contains(
            "plan.yaml:37: entries[7].priority: must be between 1 and 4, was 9",
            "plan.yaml:36: entries[7].title: is required",
            "plan.yaml:67: entries[14].depends_on[0]: no entry 'e99' in this plan");
    assertThat(commissions()).isEmpty();
    assertThat(cli.run("plan", "show", "big").exit()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void entriesThatWaitForEachOtherInACircleAreRefused() {
    cli.write(
        "plan.yaml",
        """
        id: loop
        revision: 1
        defaults:
          decision: {id: dec-a}
          repo: {path: repo, base_ref: main}
          scope: {allowed_paths: ["src/**"]}
        entries:
          - {name: a, title: A, depends_on: [b]}
          - {name: b, title: B, depends_on: [a]}
        """);

    var applied = cli.run("plan", "apply", "-f", "plan.yaml");

    assertThat(applied.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(applied.err()).contains("plan.yaml:8: entries[0].depends_on", "circle", "a, b");
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aRunnerOfOneQueueCarriesOutOnlyThatQueue() {
    cli.write(
        "plan.yaml",
        """
        id: two
        revision: 1
        defaults:
          decision: {id: dec-a}
          repo: {path: repo, base_ref: main}
          scope: {allowed_paths: ["src/**"]}
          queue: slow
        entries:
          - {name: quick, title: Quick, queue: fast}
          - {name: later, title: Later}
        """);
    assertThat(cli.run("plan", "apply", "-f", "plan.yaml").exit()).isZero();

    var bad = cli.run("run", "--drain", "--queue", "Not A Queue");
    assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("--queue", "Not A Queue");

    var run = cli.run("run", "--drain", "--queue", "fast");
    assertThat(run.exit()).as(run.err()).isZero();

    var show = cli.run("plan", "show", "two", "--json").json().path("entries");
    assertThat(show)
        .extracting(
            e ->
                e.path("commission").asText()
                    + " "
                    + e.path("queue").asText()
                    + " "
                    + e.path("state").asText())
        .containsExactly("two.quick fast completed", "two.later slow queued");
  }
}
