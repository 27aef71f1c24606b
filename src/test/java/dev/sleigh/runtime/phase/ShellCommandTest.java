package dev.sleigh.runtime.phase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.process.Liveness;
import dev.sleigh.process.ProcTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hooks and evidence commands: a cancel of their run ends them, whatever they started. */
@Timeout(60)
class ShellCommandTest {
  private static final String RUN_ID = "SLEIGH_RUN_ID";
  private static final String COMMISSION_ID = "SLEIGH_COMMISSION_ID";

  private static final Duration GRACE = Duration.ofMillis(500);

  @TempDir Path dir;

  @Test
  void aCancelEndsAScriptThatForksAndIgnoresSigtermWithinTheGraceLongBeforeItsTimeout()
      throws Exception {
    String tag = "shell-command-test-" + System.nanoTime();
    CompletableFuture<Void> cancel = new CompletableFuture<>();
    ShellCommand.Script script =
        new ShellCommand.Script(
            "trap '' TERM; touch started; while true; do (sleep 60) & sleep 0.05; done",
            dir,
            dir.resolve("logs/hook.log"),
            Duration.ofMinutes(5),
            Map.of(RUN_ID, tag, COMMISSION_ID, "wc-shell"));
    CompletableFuture<ShellCommand.Outcome> outcome =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return ShellCommand.run(script, GRACE, cancel);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    awaitFile(dir.resolve("started"), outcome);
    assertThat(tagged(tag)).isNotEmpty();

    long cancelled = System.nanoTime();
    cancel.complete(null);
    ShellCommand.Outcome out = outcome.get(30, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - cancelled);

    assertThat(out.cancelled()).isTrue();
    assertThat(out.timedOut()).isFalse();
    assertThat(out.passed()).isFalse();
    assertThat(tagged(tag)).as("processes of the script %s after the cancel", took).isEmpty();
    assertThat(took).isLessThan(GRACE.plusSeconds(10));
  }

  @Test
  void aScriptWhoseRunIsAlreadyCancelledIsNotStarted() throws Exception {
    CompletableFuture<Void> cancel = CompletableFuture.completedFuture(null);
    ShellCommand.Outcome out =
        ShellCommand.run(
            new ShellCommand.Script(
                "touch ran", dir, dir.resolve("logs/hook.log"), Duration.ofMinutes(1), Map.of()),
            GRACE,
            cancel);

    assertThat(out.cancelled()).isTrue();
    assertThat(dir.resolve("ran")).doesNotExist();
  }

  @Test
  void aScriptSeesOnlyTheMinimalEnvironmentWhatIsConfiguredAndItsContextNeverTheRunnersSecrets()
      throws Exception {
    Path secretFile = Files.writeString(dir.resolve("hook-key"), "hook-file-secret-3318\n");
    Map<String, String> runner =
        Map.of(
            "PATH", System.getenv("PATH"),
            "HOME", dir.toString(),
            "RUNNER_ONLY", "runner-only-3318",
            "SLEIGH_STORE", "jdbc:postgresql://db/sleigh?password=store-pw-3318",
            "HOOK_SOURCE", "hook-env-secret-3318");
    Map<String, String> configured =
        Map.of(
            "FROM_ENV",
            "${HOOK_SOURCE}",
            "FROM_FILE",
            "${file:" + secretFile + "}",
            RUN_ID,
            "run-3318");

    ShellCommand.Outcome out =
        ShellCommand.run(
            new ShellCommand.Script(
                "env; echo done",
                dir,
                dir.resolve("logs/evidence.log"),
                Duration.ofMinutes(1),
                configured),
            GRACE,
            new CompletableFuture<>(),
            runner);

    assertThat(out.passed()).as(out.toString()).isTrue();
    String log = Files.readString(dir.resolve("logs/evidence.log"));
    for (String shown : List.of(out.outputTail(), log)) {
      assertThat(shown)
          .contains("FROM_ENV=***", "FROM_FILE=***", RUN_ID + "=run-3318")
          .contains("SLEIGH_WORKSPACE=" + dir.toAbsolutePath(), "done")
          .doesNotContain("RUNNER_ONLY", "runner-only-3318", "SLEIGH_STORE", "store-pw-3318")
          .doesNotContain("hook-env-secret-3318", "hook-file-secret-3318");
    }
    assertThat(out.outputSha256()).hasSize(64);
  }

  @Test
  void aScriptPrintingWithoutLineEndsHoldsNoMoreThanALineOfMemoryAndItsTailIsKept()
      throws Exception {
    ShellCommand.Outcome out =
        ShellCommand.run(
            new ShellCommand.Script(
                "head -c 20000000 /dev/zero | tr '\\0' x; printf 'END'",
                dir,
                dir.resolve("logs/evidence.log"),
                Duration.ofMinutes(1),
                Map.of()),
            GRACE,
            new CompletableFuture<>());

    assertThat(out.passed()).as(out.error()).isTrue();
    assertThat(out.outputTail()).endsWith("xxxEND\n").hasSize(ShellCommand.TAIL_CHARS);
    assertThat(Files.size(dir.resolve("logs/evidence.log"))).isGreaterThan(20_000_000L);
  }

  /** Waits for the script to make {@code file}, looking again whenever the wait for it ends. */
  private static void awaitFile(Path file, CompletableFuture<?> script) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!Files.exists(file)) {
      assertThat(System.nanoTime() - deadline).as("no %s", file).isNegative();
      try {
        script.get(20, TimeUnit.MILLISECONDS);
        throw new AssertionError("the script ended before it made " + file + ": " + script.get());
      } catch (TimeoutException e) {
        // still running: look again
      }
    }
  }

  /** The live processes tagged with run {@code tag}. */
  private static List<Long> tagged(String tag) {
    return ProcTable.pids().stream()
        .filter(pid -> tag.equals(ProcTable.environment(pid, List.of(RUN_ID)).get(RUN_ID)))
        .filter(Liveness::running)
        .toList();
  }
}
