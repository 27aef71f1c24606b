package dev.sleigh.it;

import static dev.sleigh.it.SleighProject.describe;
import static dev.sleigh.it.SleighProject.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.it.SleighProject.CommissionSpec;
import dev.sleigh.it.SleighProject.Evidence;
import dev.sleigh.it.SleighProject.Host;
import dev.sleigh.it.SleighProject.Tuning;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash anywhere across hosts: three hosts (each its own home and workspace root) share one
 * PostgreSQL store and one target repository; up to three runners, one per host, are killed with
 * SIGKILL at random moments and started again on random hosts; then every host drains. No
 * commission is lost, no phase passes twice in a generation, the store verifies, no agent survives,
 * and every commission's diff, read from a fourth host that never ran anything, is exactly what its
 * deterministic agent wrote. The agent's first part fails its turn on purpose, so its next attempt,
 * on whichever host claims it, must go on from the checkpoint that turn left; measure's evidence
 * checks the workspace it runs in holds exactly the work execute passed with. The choices come from
 * a seed printed with every failure; {@code -Dsleigh.it.crash.seed=N} replays them (the timing of
 * the machine still varies).
 */
class CrashAnywhereHostsIT {
  /**
   * Sized to keep the test near a minute on one CPU; {@code -Dsleigh.it.crash.commissions=N} and
   * {@code -Dsleigh.it.crash.kills=N} make a longer hunt.
   */
  private static final int COMMISSIONS = Integer.getInteger("sleigh.it.crash.commissions", 8);

  private static final int KILLS = Integer.getInteger("sleigh.it.crash.kills", 12);
  private static final List<String> HOSTS = List.of("host-a", "host-b", "host-c");

  /** Lines of a runner's log, from the moment it is chosen, the test waits for before the kill. */
  private static final int MAX_LINES = 8;

  /** How long a kill waits for the next line; a runner with nothing to say is killed anyway. */
  private static final Duration QUIET = Duration.ofMillis(1500);

  /** How rarely the runner killed is one still starting (one kill in this many, at most). */
  private static final int STARTING_ONE_IN = 6;

  private static final List<String> PHASES = List.of("preflight", "frame", "execute", "measure");

  /**
   * Deterministic: what it leaves depends only on the commission id and on what the workspace
   * holds. Without the whole first part it writes that part (and a scratch file) line by line and
   * fails the turn; with it, it writes the second part, so the next attempt must start from the
   * failed turn's checkpoint, wherever it runs. It prints as it goes so that it never stalls.
   */
  private static final String AGENT =
      """
      id="$SLEIGH_COMMISSION_ID"
      f="src/$id.txt"
      if ! grep -qx "$id part one 3" "$f" 2>/dev/null; then
        : > "$f"
        echo "scratch of $id" > "src/$id.part"
        for i in 1 2 3; do echo "$id part one $i" >> "$f"; echo "part one $i"; sleep 0.3; done
        echo "part one written; this turn fails so that the next attempt starts from its checkpoint"
        exit 3
      fi
      sed -i '4,$d' "$f"
      for i in 4 5 6; do echo "$id part two $i" >> "$f"; echo "part two $i"; sleep 0.3; done
      echo "version=2 for $id" > src/app.txt
      printf '#!/bin/sh\\necho %s\\n' "$id" > "src/$id.sh"
      chmod +x "src/$id.sh"
      printf '%s\\0\\1\\2\\377' "$id" > "src/$id.bin"
      rm -f "src/$id.part"
      """;

  @TempDir Path tmp;

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void runnersOnThreeHostsKilledAtRandomLoseNothingPassNoPhaseTwiceAndDeliverExactlyTheirWork(
      TestInfo test) throws Exception {
    long seed = Long.getLong("sleigh.it.crash.seed", System.nanoTime());
    String replay = "seed " + seed + " (replay with -Dsleigh.it.crash.seed=" + seed + ")";
    System.out.println(getClass().getSimpleName() + ": " + replay);
    SplittableRandom random = new SplittableRandom(seed);
    try (PostgresServer server = PostgresServer.start(tmp.resolve("pgdata"))) {
      String url = server.createDatabase("sleigh_hosts");
      String name = getClass().getSimpleName() + "." + test.getTestMethod().orElseThrow().getName();
      try (SleighProject project = new SleighProject(tmp.resolve("project"), name, url)) {
        run(project, random, replay);
      }
    }
  }

  private void run(SleighProject project, SplittableRandom random, String replay) throws Exception {
    // Every kill expires the leases in flight; the expiry budget is not what this test is about.
    project.configure(
        AGENT, Tuning.standard().stallTimeout("5s").concurrency(2).maxLeaseExpiries(10_000));
    List<Host> hosts = new ArrayList<>();
    for (String h : HOSTS) {
      hosts.add(project.host(h));
    }
    List<String> ids = new ArrayList<>();
    List<CommissionSpec> specs = new ArrayList<>();
    for (int i = 1; i <= COMMISSIONS; i++) {
      String id = "wc-hosts-%02d".formatted(i);
      ids.add(id);
      specs.add(new CommissionSpec(id, "repo", List.of(evidence(id))));
    }
    project.commissions("hosts.yaml", specs);

    long t0 = System.nanoTime();
    List<String> moments = crash(project, hosts, random);
    long t1 = System.nanoTime();
    drainOnEvery(project, hosts, replay + "\n" + String.join("\n", moments));
    long t2 = System.nanoTime();

    Host fresh = project.host("host-d");
    Expected expected = new Expected(project.dir.resolve("repo"), project.dir.resolve("expected"));
    Map<String, Long> failures = new TreeMap<>();
    for (String id : ids) {
      checkCommission(project, fresh, expected, id, replay, failures);
    }
    applyOn(project, fresh, expected, ids.getFirst(), replay);
    long restores = restores(project);
    System.out.printf(
        "%s: %s; runners killed while work was left: %d (in %d s, drain %d s); workspaces restored"
            + " from a checkpoint: %d; phase failures along the way: %s%n",
        getClass().getSimpleName(),
        replay,
        moments.stream().filter(m -> m.startsWith("kill ")).count(),
        Duration.ofNanos(t1 - t0).toSeconds(),
        Duration.ofNanos(t2 - t1).toSeconds(),
        restores,
        failures);
    assertThat(restores)
        .as(
            "no runner restored a workspace from a checkpoint: no work moved between hosts; "
                + replay)
        .isPositive();
    JsonNode verify = project.verify();
    assertThat(verify.path("ok").asBoolean()).as(replay + "\n" + verify).isTrue();
    project.assertNoAgentLeft(replay);
  }

  /** A {@code --drain} runner on every host at once; each must end with exit code 0. */
  private static void drainOnEvery(SleighProject project, List<Host> hosts, String context)
      throws InterruptedException {
    List<SleighProcess> drains = new ArrayList<>();
    for (Host h : hosts) {
      drains.add(project.runner(h, h.name() + "-drain", "--drain"));
    }
    for (SleighProcess drain : drains) {
      int exit = drain.awaitExit(Duration.ofSeconds(180));
      assertThat(exit).as(context + "\n" + drain.log()).isZero();
    }
  }

  /** {@code apply} on a host that never ran the commission commits exactly the agent's tree. */
  private static void applyOn(
      SleighProject project, Host host, Expected expected, String id, String replay)
      throws Exception {
    SleighProject.Cli apply = project.cli(host, "apply", id, "--json");
    assertThat(apply.exit()).as(replay + "\n" + apply.err()).isZero();
    String commit = apply.json().path("commit").asText();
    assertThat(Expected.git(expected.repo(), "rev-parse", commit + "^{tree}").strip())
        .as("the tree apply committed for " + id + "; " + replay)
        .isEqualTo(expected.tree(id));
  }

  /**
   * Kills {@link #KILLS} runners, and up to as many more while no runner has restored a workspace
   * from a checkpoint (work moving between hosts is the point): before each kill, runners are
   * started on random free hosts until a random number of hosts (one to three) has one; a random
   * one of them is killed after a random number of its next log lines (zero: at once). Stops early
   * once every commission completed, and ends with every runner killed. Returns what happened, for
   * assertion messages.
   */
  private static List<String> crash(
      SleighProject project, List<Host> hosts, SplittableRandom random)
      throws InterruptedException {
    SleighProcess[] alive = new SleighProcess[hosts.size()];
    List<String> moments = new ArrayList<>();
    int started = 0;
    for (int k = 1; k <= KILLS || (k <= 2 * KILLS && restores(project) == 0); k++) {
      if (allSettled(project)) {
        moments.add("every commission settled after " + (k - 1) + " kills");
        break;
      }
      int wanted = 1 + random.nextInt(hosts.size());
      while (count(alive) < wanted) {
        int h = randomSlot(alive, random, s -> s == null);
        Host host = hosts.get(h);
        String name = host.name() + "-" + ++started;
        alive[h] = project.runner(host, name, "--runner-id", name);
      }
      int victim = victim(alive, random);
      moments.add(
          "kill " + k + " (" + wanted + " runners up): " + killLater(alive[victim], random));
      alive[victim] = null;
    }
    for (SleighProcess runner : alive) {
      if (runner != null) {
        runner.kill();
        moments.add("killed " + runner.name() + " before the drain");
      }
    }
    return moments;
  }

  /**
   * Mostly a runner that has started: one still starting JVM is chosen now and then, while the
   * others' startups overlap the work of the runners up, instead of the test waiting them out.
   */
  private static int victim(SleighProcess[] alive, SplittableRandom random) {
    boolean anyUp = false;
    for (SleighProcess p : alive) {
      anyUp |= p != null && !p.lines().isEmpty();
    }
    boolean upOnly = anyUp && random.nextInt(STARTING_ONE_IN) != 0;
    return randomSlot(alive, random, p -> p != null && (!upOnly || !p.lines().isEmpty()));
  }

  /**
   * SIGKILL after a random number of the runner's next log lines (zero: at once); a runner still
   * starting is waited for until its first line. Says when it happened.
   */
  private static String killLater(SleighProcess runner, SplittableRandom random)
      throws InterruptedException {
    while (runner.nextLine(Duration.ZERO).isPresent()) {
      // what it logged while another runner was watched; the moment counts from now
    }
    int lines = random.nextInt(MAX_LINES + 1);
    String last = "<none>";
    int seen = 0;
    while (seen < lines) {
      Optional<String> line =
          runner.nextLine(runner.lines().isEmpty() ? SleighProject.LINE : QUIET);
      if (line.isEmpty()) {
        break;
      }
      last = line.get();
      seen++;
    }
    runner.kill();
    return "%s after %d/%d lines, last: %s".formatted(runner.name(), seen, lines, last);
  }

  /** How often a runner restored a workspace from a checkpoint: work moved between hosts. */
  private static long restores(SleighProject project) {
    return project.runnerLines().stream()
        .filter(l -> l.contains("restored from checkpoint"))
        .count();
  }

  /** Whether no commission is left to run: killing idle runners would test nothing more. */
  private static boolean allSettled(SleighProject project) {
    SleighProject.Cli list = project.cli("commission", "list", "--json");
    assertThat(list.exit()).as(list.err()).isZero();
    for (JsonNode c : list.json().path("commissions")) {
      if (!c.path("state").asText().equals("completed")) {
        return false;
      }
    }
    return true;
  }

  private static int count(SleighProcess[] alive) {
    int n = 0;
    for (SleighProcess p : alive) {
      n += p == null ? 0 : 1;
    }
    return n;
  }

  /** A random slot whose runner (null: none) passes {@code test}. */
  private static int randomSlot(
      SleighProcess[] alive, SplittableRandom random, Predicate<SleighProcess> test) {
    List<Integer> slots = new ArrayList<>();
    for (int i = 0; i < alive.length; i++) {
      if (test.test(alive[i])) {
        slots.add(i);
      }
    }
    return slots.get(random.nextInt(slots.size()));
  }

  /** Measure passes only in a workspace that holds exactly what execute passed with. */
  private static Evidence evidence(String id) {
    return new Evidence(
        "exact-work",
        "grep -qx '%s part two 6' src/%s.txt && test -x src/%s.sh && test ! -e src/%s.part"
            .formatted(id, id, id, id),
        "60s");
  }

  /**
   * Commission {@code id} completed with each phase passed once, at most one deliberate failure of
   * execute (a second would mean an attempt lost the first part's checkpoint), no failed evidence,
   * and its change, as a fourth host reads it, exactly the agent's.
   */
  private static void checkCommission(
      SleighProject project,
      Host fresh,
      Expected expected,
      String id,
      String replay,
      Map<String, Long> failures)
      throws Exception {
    List<JsonNode> events = project.events(id);
    String history = replay + "\n" + id + ":" + describe(events);
    assertThat(project.show(id).path("state").asText()).as(history).isEqualTo("completed");
    Map<String, Long> passes =
        ofType(events, "phase_passed")
            .collect(
                Collectors.groupingBy(
                    e -> "g" + e.path("generation").asInt() + " " + e.path("phase").asText(),
                    TreeMap::new,
                    Collectors.counting()));
    assertThat(passes)
        .as("phase_passed per (generation, phase); " + history)
        .allSatisfy((phase, count) -> assertThat(count).as(phase).isEqualTo(1L));
    assertThat(passes.keySet())
        .as(history)
        .containsExactlyElementsOf(PHASES.stream().map(p -> "g1 " + p).sorted().toList());
    List<String> reasons =
        ofType(events, "phase_failed")
            .map(e -> e.path("phase").asText() + ": " + e.path("data").path("reason").asText())
            .toList();
    reasons.forEach(r -> failures.merge(r, 1L, Long::sum));
    assertThat(reasons.stream().filter(r -> r.equals("execute: exit_code:3")))
        .as(
            "the deliberate failure of part one, more than once: an attempt lost its checkpoint; "
                + history)
        .hasSizeLessThanOrEqualTo(1);
    assertThat(reasons)
        .as("measure ran on a workspace without execute's work; " + history)
        .noneMatch(r -> r.startsWith("measure: evidence_failed"));

    JsonNode passed = ofType(events, "phase_passed", "execute").findFirst().orElseThrow();
    String tree = expected.tree(id);
    assertThat(passed.path("data").path("checkpoint_tree").asText())
        .as("execute's checkpoint tree; " + history)
        .isEqualTo(tree);
    SleighProject.Cli diff = project.cli(fresh, "diff", id, "--json");
    assertThat(diff.exit()).as(diff.err()).isZero();
    JsonNode view = diff.json();
    assertThat(view.path("checkpoint").asText())
        .as("the diff's source on a host without workspaces; " + history)
        .isEqualTo(passed.path("data").path("checkpoint").asText());
    assertThat(view.path("diff").asText())
        .as("the diff of " + id + " read on a fourth host; " + replay)
        .isEqualTo(expected.patch(id, tree));
  }

  /**
   * What the agent leaves for a commission, made with git in a clone of the repository: its tree
   * and the patch {@code sleigh diff} prints for it.
   */
  private record Expected(Path repo, Path dir) {
    String tree(String id) throws Exception {
      Path clone = dir.resolve(id);
      if (!Files.isDirectory(clone)) {
        write(id, clone);
      }
      return git(clone, "write-tree").strip();
    }

    /** A clone of the repository with the agent's work added to its index. */
    private void write(String id, Path clone) throws Exception {
      git(dir.getParent(), "clone", "-q", repo.toString(), clone.toString());
      Path src = clone.resolve("src");
      StringBuilder txt = new StringBuilder();
      for (int i = 1; i <= 3; i++) {
        txt.append(id).append(" part one ").append(i).append('\n');
      }
      for (int i = 4; i <= 6; i++) {
        txt.append(id).append(" part two ").append(i).append('\n');
      }
      Files.writeString(src.resolve(id + ".txt"), txt);
      Files.writeString(src.resolve("app.txt"), "version=2 for " + id + "\n");
      Path script = Files.writeString(src.resolve(id + ".sh"), "#!/bin/sh\necho " + id + "\n");
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      byte[] name = id.getBytes(StandardCharsets.UTF_8);
      byte[] bin = new byte[name.length + 4];
      System.arraycopy(name, 0, bin, 0, name.length);
      bin[name.length + 1] = 1;
      bin[name.length + 2] = 2;
      bin[name.length + 3] = (byte) 0xff;
      Files.write(src.resolve(id + ".bin"), bin);
      git(clone, "add", "--all");
    }

    /** The patch from the repository's main to {@code tree}, with the options sleigh uses. */
    String patch(String id, String tree) throws Exception {
      return git(
          dir.resolve(id),
          "diff",
          "--no-color",
          "--no-ext-diff",
          "--no-textconv",
          "--no-renames",
          "--src-prefix=a/",
          "--dst-prefix=b/",
          "--binary",
          "--full-index",
          "HEAD",
          tree,
          "--");
    }

    private static String git(Path cwd, String... args) throws IOException, InterruptedException {
      List<String> argv = new ArrayList<>(List.of("git", "-C", cwd.toString()));
      argv.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD);
      // The expected patch must not follow this machine's git configuration.
      pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
      pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException("git " + String.join(" ", args) + " failed");
      }
      return out;
    }
  }
}
