package dev.sleigh.it;

import static dev.sleigh.it.SleighProject.EXIT;
import static dev.sleigh.it.SleighProject.LINE;
import static dev.sleigh.it.SleighProject.describe;
import static dev.sleigh.it.SleighProject.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.it.SleighProject.CommissionSpec;
import dev.sleigh.it.SleighProject.Evidence;
import dev.sleigh.it.SleighProject.Host;
import dev.sleigh.it.SleighProject.Tuning;
import dev.sleigh.testkit.GitRepos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A commission's work lives in the store, not on the host that did it. Runners on hosts with homes
 * and workspace roots of their own share one store (one SQLite file, or PostgreSQL) and see the
 * target repository at the same path. A runner SIGKILLed in measure, or after execute's first turn
 * was checkpointed but before execute ended, is followed by a runner on another host that restores
 * the latest checkpoint into its empty workspace root and finishes; a third host that never ran
 * anything reads and applies the change. Before the second host runs, and again before the third
 * reads, the repository loses every object no ref needs, as the clone of a host that never had
 * them: the work can come only from the store.
 *
 * <p>Also: a workspace deleted by hand while its commission waits for approval is restored, and a
 * checkpoint whose base commit the repository no longer has blocks the commission without running
 * an agent, until a requeue starts over on the history the repository has now.
 */
class PortableWorkIT {
  /** Where the hosts' store lives. */
  enum Store {
    SQLITE,
    POSTGRES
  }

  /** Does the whole work in one turn: a new file, a changed one, a new executable one. */
  private static final String WHOLE_AGENT =
      """
      echo "attempt=$SLEIGH_ATTEMPT $PWD" >> "$SLEIGH_IT_DIR/launches"
      printf 'portable work\\n' > src/portable.txt
      printf 'version=2\\n' > src/app.txt
      printf '#!/bin/sh\\necho tool\\n' > src/tool.sh
      chmod +x src/tool.sh
      echo "wrote the work"
      """;

  /** The evidence of {@link #WHOLE_AGENT}'s work: it fails on the base tree. */
  private static final String WHOLE_WORK_THERE =
      "grep -qx 'portable work' src/portable.txt && grep -qx 'version=2' src/app.txt"
          + " && test -x src/tool.sh";

  /**
   * Does half the work per attempt: the first half, or, when the first half is in the workspace,
   * the second. Each launch notes whether it found the first half.
   */
  private static final String HALVES_AGENT =
      """
      found=absent; [ -e src/part1.txt ] && found=present
      echo "attempt=$SLEIGH_ATTEMPT turn=$SLEIGH_TURN first-half=$found $PWD" \\
        >> "$SLEIGH_IT_DIR/launches"
      if [ "$found" = absent ]; then
        printf 'first half\\n' > src/part1.txt
      else
        printf 'second half\\n' > src/part2.txt
      fi
      echo "wrote a half"
      """;

  private static final String BOTH_HALVES_THERE =
      "grep -qx 'first half' src/part1.txt && grep -qx 'second half' src/part2.txt";

  /** One changed file of a delivered commit: git's status letter, its content and its mode. */
  private record Change(String path, String status, String content, String mode) {}

  /** What {@link #WHOLE_AGENT} changes. */
  private static final List<Change> WHOLE_WORK =
      List.of(
          new Change("src/app.txt", "M", "version=2\n", "100644"),
          new Change("src/portable.txt", "A", "portable work\n", "100644"),
          new Change("src/tool.sh", "A", "#!/bin/sh\necho tool\n", "100755"));

  /** What {@link #HALVES_AGENT} changes over two attempts. */
  private static final List<Change> HALVES_WORK =
      List.of(
          new Change("src/part1.txt", "A", "first half\n", "100644"),
          new Change("src/part2.txt", "A", "second half\n", "100644"));

  /** One PostgreSQL server for the class, started by the first test that needs it. */
  @TempDir static Path serverDir;

  private static PostgresServer postgres;
  private static int databases;

  @TempDir Path tmp;
  private SleighProject project;

  @AfterEach
  void cleanUp() throws Exception {
    if (project != null) {
      project.close();
    }
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  private void open(Store store, TestInfo test) throws Exception {
    String name =
        getClass().getSimpleName()
            + "."
            + test.getTestMethod().orElseThrow().getName()
            + "-"
            + store.name().toLowerCase(Locale.ROOT);
    String url = null;
    if (store == Store.POSTGRES) {
      if (postgres == null) {
        postgres = PostgresServer.start(serverDir.resolve("pgdata"));
      }
      url = postgres.createDatabase("sleigh_" + ++databases);
    }
    project = new SleighProject(tmp.resolve("project"), name, url);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Store.class)
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void aRunnerKilledInMeasureIsFollowedOnAnotherHostThatRestoresTheWorkAndAThirdHostAppliesIt(
      Store store, TestInfo test) throws Exception {
    open(store, test);
    String id = "wc-portable-measure";
    project.configure(WHOLE_AGENT, Tuning.standard());
    Path measure = script("measure.sh", holdingEvidence("measure", WHOLE_WORK_THERE));
    project.commissions(
        id + ".yaml",
        List.of(
            new CommissionSpec(
                id, "repo", List.of(new Evidence("portable", measure.toString(), "60s")))));
    Host one = project.host("host-1");
    Host two = project.host("host-2");
    Host three = project.host("host-3");
    hold("measure");

    SleighProcess a = project.runner(one, "runner-a", "--drain", "--runner-id", "runner-a");
    project.beacon.await(inWorkspace("measure", one, id), LINE);
    String checkpoint = checkpointOf(passOfExecute(id), "execute's pass");
    a.kill();
    release();
    forgetUnreferencedObjects(checkpoint);

    SleighProcess b = project.runner(two, "runner-b", "--drain", "--runner-id", "runner-b");
    b.awaitLine(restored(id, checkpoint), LINE);
    project.beacon.await(inWorkspace("measure", two, id), LINE);
    assertThat(b.awaitExit(EXIT)).as(b.log()).isZero();

    List<JsonNode> events = project.events(id);
    String history = describe(events) + "\n" + a.log() + "\n" + b.log();
    assertThat(project.show(id).path("state").asText()).as(history).isEqualTo("completed");
    assertThat(launches())
        .as("agent launches; " + history)
        .satisfiesExactly(
            only ->
                assertThat(only).startsWith("attempt=1 ").endsWith(one.workspace(id).toString()));
    assertThat(ofType(events, "phase_started", "execute")).as(history).hasSize(1);
    assertThat(ofType(events, "phase_started", "measure").map(e -> e.path("attempt").asInt()))
        .as(history)
        .containsExactly(1, 2);
    assertThat(ofType(events, "phase_passed", "measure").map(e -> e.path("attempt").asInt()))
        .as(history)
        .containsExactly(2);
    assertThat(ofType(events, "lease_expired")).as(history).hasSize(1);
    assertThat(ofType(events, "phase_failed")).as(history).isEmpty();
    assertThat(Files.readString(two.workspace(id).resolve("src/portable.txt")))
        .isEqualTo("portable work\n");
    assertVerified();

    deliverFrom(three, two, id, checkpoint, WHOLE_WORK);
    project.assertNoAgentLeft("after the second host's runner ended");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Store.class)
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void aRunnerKilledAfterExecutesFirstTurnIsFollowedOnAnotherHostThatGoesOnFromThatTurnsWork(
      Store store, TestInfo test) throws Exception {
    open(store, test);
    String id = "wc-portable-turns";
    Path afterRun = script("after-run.sh", holding("after-run", ""));
    // A command agent has one turn per attempt, so the runner is held right after the turn's
    // checkpoint is recorded, in the after_run hook, before execute can pass.
    project.configure(
        HALVES_AGENT,
        Tuning.standard().maxAttemptsPerPhase(1).hooks("{after_run: \"" + afterRun + "\"}"));
    project.commissions(
        id + ".yaml",
        List.of(
            new CommissionSpec(
                id, "repo", List.of(new Evidence("both-halves", BOTH_HALVES_THERE, "60s")))));
    Host one = project.host("host-1");
    Host two = project.host("host-2");
    Host three = project.host("host-3");
    hold("after-run");

    SleighProcess a = project.runner(one, "runner-a", "--drain", "--runner-id", "runner-a");
    project.beacon.await(inWorkspace("after-run", one, id), LINE);
    List<JsonNode> held = project.events(id);
    assertThat(ofType(held, "phase_passed", "execute")).as(describe(held)).isEmpty();
    JsonNode turn =
        ofType(held, "turn_completed", "execute")
            .reduce((first, second) -> second)
            .orElseThrow(() -> new AssertionError("no turn_completed:" + describe(held)));
    assertThat(turn.path("attempt").asInt()).as(describe(held)).isEqualTo(1);
    String checkpoint = checkpointOf(turn, "the first turn");
    a.kill();
    release();
    forgetUnreferencedObjects(checkpoint);

    SleighProcess b = project.runner(two, "runner-b", "--drain", "--runner-id", "runner-b");
    b.awaitLine(restored(id, checkpoint), LINE);
    assertThat(b.awaitExit(EXIT)).as(b.log()).isZero();

    List<JsonNode> events = project.events(id);
    String history = describe(events) + "\n" + a.log() + "\n" + b.log();
    assertThat(project.show(id).path("state").asText()).as(history).isEqualTo("completed");
    assertThat(launches())
        .as("agent launches; " + history)
        .satisfiesExactly(
            first ->
                assertThat(first)
                    .startsWith("attempt=1 turn=1 first-half=absent ")
                    .endsWith(one.workspace(id).toString()),
            second ->
                assertThat(second)
                    .startsWith("attempt=2 turn=1 first-half=present ")
                    .endsWith(two.workspace(id).toString()));
    assertThat(ofType(events, "phase_started", "execute").map(e -> e.path("attempt").asInt()))
        .as(history)
        .containsExactly(1, 2);
    assertThat(ofType(events, "turn_completed", "execute").map(e -> e.path("attempt").asInt()))
        .as(history)
        .containsExactly(1, 2);
    assertThat(ofType(events, "phase_passed", "execute").map(e -> e.path("attempt").asInt()))
        .as(history)
        .containsExactly(2);
    assertThat(ofType(events, "lease_expired")).as(history).hasSize(1);
    assertThat(ofType(events, "phase_failed")).as(history).isEmpty();
    assertVerified();

    deliverFrom(three, two, id, checkpointOf(passOfExecute(id), "execute's pass"), HALVES_WORK);
    project.assertNoAgentLeft("after the second host's runner ended");
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aWorkspaceDeletedByHandWhileItsCommissionWaitsForApprovalIsRestoredAndMeasured(TestInfo test)
      throws Exception {
    open(Store.SQLITE, test);
    String id = "wc-portable-deleted";
    project.configure(WHOLE_AGENT, Tuning.standard());
    project.commissions(
        id + ".yaml",
        List.of(
            new CommissionSpec(
                id,
                "repo",
                List.of(new Evidence("portable", WHOLE_WORK_THERE, "60s")),
                "autonomy: {one_way_door: require_approval}")));
    SleighProcess first = project.runner("runner-1", "--drain");
    assertThat(first.awaitExit(EXIT)).as(first.log()).isZero();
    assertThat(project.show(id).path("state").asText()).as(first.log()).isEqualTo("waiting_human");
    Path workspace = project.workspace(id);
    assertThat(workspace.resolve("src/portable.txt")).exists();

    deleteTree(workspace);
    SleighProject.Cli approved = project.cli("approve", id, "--reason", "looks right");
    assertThat(approved.exit()).as(approved.err()).isZero();
    String checkpoint = checkpointOf(lastTurn(id), "the agent's turn");
    SleighProcess second = project.runner("runner-2", "--drain");
    second.awaitLine(restored(id, checkpoint), LINE);
    assertThat(second.awaitExit(EXIT)).as(second.log()).isZero();

    List<JsonNode> events = project.events(id);
    String history = describe(events) + "\n" + first.log() + "\n" + second.log();
    assertThat(project.show(id).path("state").asText()).as(history).isEqualTo("completed");
    assertThat(launches()).as(history).hasSize(1);
    assertThat(ofType(events, "phase_passed", "measure")).as(history).hasSize(1);
    assertThat(Files.readString(workspace.resolve("src/portable.txt")))
        .isEqualTo("portable work\n");
    assertVerified();
    project.assertNoAgentLeft("after the drain");
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aCheckpointWhoseBaseCommitTheRepositoryLacksBlocksWithoutAnAgentUntilARequeueStartsOver(
      TestInfo test) throws Exception {
    open(Store.SQLITE, test);
    String id = "wc-portable-rewritten";
    // Writes its work; the first launch then fails, so the work is a checkpoint of a failed turn.
    project.configure(
        """
        echo "attempt=$SLEIGH_ATTEMPT $PWD" >> "$SLEIGH_IT_DIR/launches"
        printf 'work\\n' > src/work.txt
        if rm "$SLEIGH_IT_DIR/fail-first" 2>/dev/null; then echo "not done yet"; exit 3; fi
        echo "done"
        """,
        Tuning.standard());
    project.commission(id);
    Host one = project.host("host-1");
    Host two = project.host("host-2");
    Files.writeString(project.dir.resolve("fail-first"), "");

    SleighProcess a = project.runner(one, "runner-a", "--once", "--runner-id", "runner-a");
    assertThat(a.awaitExit(EXIT)).as(a.log()).isZero();
    JsonNode turn = lastTurn(id);
    String base = turn.path("data").path("checkpoint_base").asText();
    List<JsonNode> failed = project.events(id);
    assertThat(ofType(failed, "phase_failed", "execute"))
        .as(describe(failed))
        .singleElement()
        .satisfies(e -> assertThat(e.path("data").path("retryable").asBoolean()).isTrue());

    // The repository at the same path is now a clone of a history rewritten without that commit.
    Path repo = project.dir.resolve("repo");
    Files.move(repo, project.dir.resolve("repo-before-rewrite"));
    rewrittenRepository(repo);
    assertThat(hasCommit(repo, base)).isFalse();

    SleighProcess b = project.runner(two, "runner-b", "--drain", "--runner-id", "runner-b");
    assertThat(b.awaitExit(EXIT)).as(b.log()).isZero();
    List<JsonNode> events = project.events(id);
    String history = describe(events) + "\n" + a.log() + "\n" + b.log();
    JsonNode show = project.show(id);
    assertThat(show.path("state").asText()).as(history).isEqualTo("blocked_conflict");
    assertThat(show.path("reason").asText())
        .as(history)
        .startsWith("checkpoint_base_missing: ")
        .contains(base)
        .contains(repo.toString());
    assertThat(launches()).as("agent launches; " + history).hasSize(1);
    assertThat(ofType(events, "phase_started", "execute").map(e -> e.path("attempt").asInt()))
        .as(history)
        .containsExactly(1, 2);
    assertThat(two.workspace(id))
        .as("nothing is left of a workspace that could not be made")
        .doesNotExist();
    assertVerified();

    // What the reason advises: a requeue starts over, on the history the repository has now.
    SleighProject.Cli requeued =
        project.cli("commission", "requeue", id, "--reason", "start over on the new history");
    assertThat(requeued.exit()).as(requeued.err()).isZero();
    SleighProcess c = project.runner(two, "runner-c", "--drain", "--runner-id", "runner-c");
    assertThat(c.awaitExit(EXIT)).as(c.log()).isZero();
    String after = describe(project.events(id)) + "\n" + c.log();
    assertThat(project.show(id).path("state").asText()).as(after).isEqualTo("completed");
    assertThat(launches())
        .as("agent launches; " + after)
        .hasSize(2)
        .last()
        .asString()
        .startsWith("attempt=1 ")
        .endsWith(two.workspace(id).toString());
    assertThat(GitRepos.output(two.workspace(id), "rev-parse", "HEAD"))
        .isEqualTo(GitRepos.output(repo, "rev-parse", "main"));
    assertVerified();
    project.assertNoAgentLeft("after the drains");
  }

  /**
   * {@code gc} on the host that finished removes its workspace; then, with the repository's
   * unreferenced objects gone, {@code result}, {@code diff} and {@code apply} on {@code reader},
   * which never ran anything, show and deliver exactly {@code changes}, from the store's
   * checkpoint.
   */
  private void deliverFrom(
      Host reader, Host finisher, String id, String checkpoint, List<Change> changes)
      throws Exception {
    SleighProject.Cli gc = project.cli(finisher, "gc", "--json");
    assertThat(gc.exit()).as(gc.err()).isZero();
    assertThat(finisher.workspace(id)).as(gc.out()).doesNotExist();
    forgetUnreferencedObjects(checkpoint);
    Path repo = project.dir.resolve("repo");
    String base = GitRepos.output(repo, "rev-parse", "main").strip();

    SleighProject.Cli result = project.cli(reader, "result", id, "--json");
    assertThat(result.exit()).as(result.err()).isZero();
    JsonNode shown = result.json().path("changes");
    assertThat(shown.path("checkpoint").asText()).as(result.out()).isEqualTo(checkpoint);
    assertThat(shown.path("base_commit").asText()).as(result.out()).isEqualTo(base);
    assertThat(shown.path("files").findValuesAsText("path"))
        .as(result.out())
        .containsExactlyElementsOf(changes.stream().map(Change::path).toList());

    SleighProject.Cli diff = project.cli(reader, "diff", id, "--json");
    assertThat(diff.exit()).as(diff.err()).isZero();
    String patch = diff.json().path("diff").asText();
    for (Change c : changes) {
      assertThat(patch).as(diff.out()).contains("+++ b/" + c.path());
      c.content().lines().forEach(line -> assertThat(patch).contains("+" + line));
    }

    SleighProject.Cli apply = project.cli(reader, "apply", id, "--json");
    assertThat(apply.exit()).as(apply.err()).isZero();
    String branch = "sleigh/" + id;
    assertThat(apply.json().path("branch").asText()).as(apply.out()).isEqualTo(branch);
    assertThat(GitRepos.output(repo, "rev-parse", branch + "^").strip())
        .as("one commit on the base")
        .isEqualTo(base);
    assertThat(GitRepos.output(repo, "diff", "--name-status", "--no-renames", base, branch).lines())
        .containsExactlyElementsOf(
            changes.stream().map(c -> c.status() + "\t" + c.path()).toList());
    for (Change c : changes) {
      assertThat(GitRepos.output(repo, "show", branch + ":" + c.path())).isEqualTo(c.content());
      assertThat(GitRepos.output(repo, "ls-tree", branch, c.path())).startsWith(c.mode() + " ");
    }
    assertThat(GitRepos.output(repo, "status", "--porcelain"))
        .as("apply leaves the target's checkout alone")
        .isEmpty();
    assertThat(reader.workspaceRoot()).as("the reading host made no workspace").doesNotExist();
  }

  private JsonNode passOfExecute(String id) {
    List<JsonNode> events = project.events(id);
    return ofType(events, "phase_passed", "execute")
        .findFirst()
        .orElseThrow(() -> new AssertionError("execute has not passed:" + describe(events)));
  }

  private JsonNode lastTurn(String id) {
    List<JsonNode> events = project.events(id);
    return ofType(events, "turn_completed", "execute")
        .reduce((first, second) -> second)
        .orElseThrow(() -> new AssertionError("no turn_completed:" + describe(events)));
  }

  private static String checkpointOf(JsonNode event, String what) {
    String commit = event.path("data").path("checkpoint").asText("");
    assertThat(commit).as(what + " names a checkpoint: " + event).matches("[0-9a-f]{40,64}");
    return commit;
  }

  private static Pattern restored(String id, String checkpoint) {
    return Pattern.compile(
        Pattern.quote(id + ": workspace restored from checkpoint " + checkpoint));
  }

  /** A beacon message {@code <what> <the commission's workspace on host>}. */
  private static Pattern inWorkspace(String what, Host host, String id) {
    return Pattern.compile(
        "^"
            + Pattern.quote(what + " ")
            + ".*"
            + Pattern.quote("/hosts/" + host.name())
            + ".*/"
            + Pattern.quote(id)
            + "$");
  }

  /**
   * A script that sends {@code <name> <its directory>} to the beacon and, the first time only (it
   * consumes the file {@code hold-<name>}), waits until the test creates {@code release}.
   */
  private String holding(String name, String before) {
    Path dir = project.dir;
    return """
        #!/bin/bash
        set -u
        %s
        echo "%s $PWD" > "%s"
        if rm "%s" 2>/dev/null; then
          while [ ! -e "%s" ]; do sleep 0.1; done
        fi
        """
        .formatted(
            before,
            name,
            dir.resolve("beacon"),
            dir.resolve("hold-" + name),
            dir.resolve("release"));
  }

  /** {@link #holding} after {@code check} passed: evidence that fails on the base tree. */
  private String holdingEvidence(String name, String check) {
    return holding(name, check + " || { echo \"the agent's work is not in $PWD\"; exit 1; }");
  }

  private Path script(String name, String text) {
    Path file = project.write(name, text);
    assertThat(file.toFile().setExecutable(true)).isTrue();
    return file;
  }

  private void hold(String name) throws IOException {
    Files.writeString(project.dir.resolve("hold-" + name), "");
  }

  private void release() throws IOException {
    Files.writeString(project.dir.resolve("release"), "");
  }

  private List<String> launches() throws IOException {
    Path file = project.dir.resolve("launches");
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  private void assertVerified() {
    JsonNode verify = project.verify();
    assertThat(verify.path("ok").asBoolean()).as(verify.toString()).isTrue();
  }

  /**
   * Drops every object of the repository that no ref, HEAD or index needs — every checkpoint a
   * runner wrote into it — as on a host whose clone never had them; {@code commit} must then be
   * gone.
   */
  private void forgetUnreferencedObjects(String commit) throws Exception {
    Path repo = project.dir.resolve("repo");
    GitRepos.git(repo, "gc", "-q", "--prune=now");
    assertThat(hasCommit(repo, commit)).as("checkpoint " + commit + " after git gc").isFalse();
  }

  private static boolean hasCommit(Path repo, String commit) throws Exception {
    Process p =
        new ProcessBuilder("git", "-C", repo.toString(), "cat-file", "-e", commit + "^{commit}")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return p.exitValue() == 0;
  }

  /** A repository at {@code dir} whose {@code main} has a history of its own. */
  private static void rewrittenRepository(Path dir) throws Exception {
    Files.createDirectories(dir.resolve("src"));
    GitRepos.git(dir, "init", "-q", "-b", "main");
    Files.writeString(dir.resolve("README.md"), "# demo, rewritten\n");
    Files.writeString(dir.resolve("src/app.txt"), "version=1, rewritten\n");
    GitRepos.git(dir, "add", ".");
    GitRepos.git(
        dir,
        "-c",
        "user.name=test",
        "-c",
        "user.email=test@localhost",
        "commit",
        "-q",
        "-m",
        "history rewritten");
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
