package dev.sleigh.it;

import static dev.sleigh.it.SleighProject.EXIT;
import static dev.sleigh.it.SleighProject.LINE;
import static dev.sleigh.it.SleighProject.describe;
import static dev.sleigh.it.SleighProject.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.it.SleighProject.Tuning;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A runner frozen (SIGSTOP) past its lease while a long evidence command runs; another runner takes
 * the commission over and runs the measure phase again; the frozen one wakes up (SIGCONT) while the
 * new evidence command runs. No two hook or evidence processes of the commission may ever run at
 * once, and the runner that was frozen writes nothing more and starts nothing more.
 */
class PausedRunnerIT extends ProjectTest {
  /**
   * One hook or evidence process, {@code probe.sh KIND}. It takes a lock that it holds until it and
   * every process it started are gone (the kernel lets go of it, however the process ended) and
   * notes {@code overlap} if another such process still held it, then logs its start, a beat every
   * 100 ms and its end, with its pid and run. A hook beats three times; the first evidence command
   * 30 seconds, long enough to be overtaken; any later one until the test creates {@code go}.
   */
  private static final String PROBE =
      """
      #!/bin/bash
      kind=$1
      dir=%s
      log() { echo "$1 $kind $$ ${SLEIGH_RUN_ID:-none} $(date +%%s.%%N)" >> "$dir/logs/processes.log"; }
      exec 9>>"$dir/one-at-a-time.lock"
      flock -n 9 || log overlap
      log start
      echo "$kind ${SLEIGH_RUN_ID:-none}" > "$dir/beacon"
      beats=3
      untilGo=no
      if [ "$kind" = evidence ]; then
        beats=300
        mkdir "$dir/long-evidence" 2>/dev/null || untilGo=yes
      fi
      for ((i = 0; i < beats; i++)); do
        if [ $untilGo = yes ] && [ -e "$dir/go" ]; then break; fi
        log beat
        sleep 0.1
      done
      log end
      """;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aRunnerPausedPastItsLeaseDuringEvidenceNeverRunsAHookOrEvidenceBesideTheRunnerThatTookOver()
      throws Exception {
    Path probe = project.write("probe.sh", PROBE.formatted(project.dir));
    assertThat(probe.toFile().setExecutable(true)).isTrue();
    project.configure(
        "echo changed > src/paused.txt\n",
        Tuning.standard()
            .hooks(
                "{before_run: \"%s hook-before\", after_run: \"%s hook-after\"}"
                    .formatted(probe, probe)));
    project.commissionWithEvidence("wc-paused", "slow", probe + " evidence");

    SleighProcess a = project.runner("runner-a", "--runner-id", "runner-a");
    String runOfA = runOf(project.beacon.await(Pattern.compile("^evidence "), LINE));
    project.freezeBetweenTransactions(a);
    SleighProcess b = project.runner("runner-b", "--drain", "--runner-id", "runner-b");
    b.awaitLine(Pattern.compile("wc-paused: claimed \\(epoch 2\\)"), LINE);
    String runOfB = runOf(project.beacon.await(Pattern.compile("^evidence "), LINE));
    assertThat(runOfB).as(b.log()).isNotEqualTo(runOfA);

    // woken while the evidence of the runner that took over runs
    a.cont();
    assertThat(
            a.awaitLine(Pattern.compile("wc-paused: stopping work and writing nothing more"), LINE))
        .contains("lease_fenced");
    List<ProcessHandle> leftOfA = AgentProcesses.carrying("SLEIGH_RUN_ID", runOfA);
    assertThat(AgentProcesses.awaitGone(leftOfA, Duration.ofSeconds(10)))
        .as("processes of the paused runner's run\n" + a.log())
        .isEmpty();

    Files.writeString(project.dir.resolve("go"), "go\n");
    assertThat(b.awaitExit(EXIT)).as(b.log()).isZero();
    a.term();
    assertThat(a.awaitExit(Duration.ofSeconds(35))).as(a.log()).isZero();

    List<JsonNode> events = project.events("wc-paused");
    String history = describe(events) + "\n" + a.log() + "\n" + b.log();
    assertThat(project.show("wc-paused").path("state").asText()).as(history).isEqualTo("completed");
    long takeover =
        ofType(events, "claimed")
            .filter(e -> e.path("epoch").asLong() == 2)
            .mapToLong(e -> e.path("seq").asLong())
            .findFirst()
            .orElseThrow(() -> new AssertionError("no takeover" + history));
    assertThat(events.stream().filter(e -> e.path("seq").asLong() > takeover))
        .as("nothing from epoch 1 after the takeover" + history)
        .allMatch(e -> e.path("epoch").asLong() != 1);
    assertThat(
            ofType(events, "evidence_recorded")
                .filter(e -> e.path("data").path("name").asText().equals("slow"))
                .map(e -> e.path("epoch").asLong()))
        .as("the paused run's evidence is not recorded" + history)
        .containsExactly(2L);
    JsonNode verify = project.verify();
    assertThat(verify.path("ok").asBoolean()).as(verify.toString()).isTrue();

    assertOneAtATime(runOfA, runOfB, history);
    assertThat(project.runnerChildren()).as("hook or evidence processes left").isEmpty();
  }

  private static String runOf(String beacon) {
    return beacon.split(" ")[1];
  }

  /** One hook or evidence process as its log lines show it. */
  private record Life(String kind, String pid, String run, BigDecimal start, BigDecimal last) {
    boolean ended(List<String> lines) {
      return lines.stream().anyMatch(l -> l.startsWith("end " + kind + " " + pid + " "));
    }
  }

  /**
   * From the processes' own log: no process found the lock taken, and, taking a process killed
   * before it logged its end to have run until its last beat (the lock covers the rest of its
   * life), their lives follow one another. The paused run's evidence was killed, and nothing of
   * that run started after the run that took over started.
   */
  private void assertOneAtATime(String runOfA, String runOfB, String history) throws Exception {
    List<String> lines = Files.readAllLines(project.dir.resolve("logs/processes.log"));
    String log = "\nprocesses.log:\n" + String.join("\n", lines) + "\n" + history;
    assertThat(lines)
        .as("a process found another holding the lock" + log)
        .noneMatch(l -> l.startsWith("overlap "));
    List<Life> lives = lives(lines);
    for (int i = 1; i < lives.size(); i++) {
      Life before = lives.get(i - 1);
      Life after = lives.get(i);
      assertThat(after.start())
          .as("%s overlaps %s%s", after, before, log)
          .isGreaterThan(before.last());
    }
    Life evidenceOfA =
        lives.stream()
            .filter(l -> l.run().equals(runOfA) && l.kind().equals("evidence"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no evidence of the paused run" + log));
    assertThat(evidenceOfA.ended(lines)).as("the paused run's evidence was killed" + log).isFalse();
    BigDecimal firstOfB =
        lives.stream()
            .filter(l -> l.run().equals(runOfB))
            .map(Life::start)
            .min(Comparator.naturalOrder())
            .orElseThrow(() -> new AssertionError("nothing of the new run" + log));
    assertThat(lives.stream().filter(l -> l.run().equals(runOfA)))
        .as("processes of the paused run after the takeover" + log)
        .allMatch(l -> l.last().compareTo(firstOfB) < 0);
    assertThat(lives.stream().filter(l -> l.run().equals(runOfB)).map(Life::kind))
        .as(log)
        .containsExactly("hook-before", "evidence", "hook-after");
  }

  /** Lines {@code WHAT KIND PID RUN SECONDS}, one life per pid, in the order they started. */
  private static List<Life> lives(List<String> lines) {
    Map<String, Life> byPid = new LinkedHashMap<>();
    for (String line : lines) {
      String[] f = line.split(" ");
      BigDecimal at = new BigDecimal(f[4]);
      byPid.merge(
          f[2],
          new Life(f[1], f[2], f[3], at, at),
          (was, now) -> new Life(was.kind(), was.pid(), was.run(), was.start(), now.last()));
    }
    List<Life> lives = new ArrayList<>(byPid.values());
    lives.sort(Comparator.comparing(Life::start));
    return lives;
  }
}
