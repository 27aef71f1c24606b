package dev.sleigh.cli.doctor;

import dev.sleigh.agent.AgentLaunchException;
import dev.sleigh.agent.ChildEnvironment;
import dev.sleigh.agent.ProgramLocator;
import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.Verb;
import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.process.ProcTable;
import dev.sleigh.process.Setsid;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.StoreException;
import dev.sleigh.store.jdbc.Stores;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code sleigh doctor}: whether this machine can run commissions as configured — the {@code
 * sleigh.md}, the store, git, child processes, the workspace root, the configured agent's program
 * (and a handshake with it), and the environment the agent will get from {@code agent.env}. Every
 * check is reported, so that one run shows every problem: a {@code sleigh.md} that cannot be read
 * fails the {@code config} check with each of its problems, the checks that need it are reported as
 * skipped, and the others still run. Exit 0 when every check passed, 1 when any failed.
 */
@Command(
    name = "doctor",
    description = "Check the configuration, the store, git and the configured agent's program.")
public final class DoctorCommand extends Verb {
  static final Duration GIT_LIMIT = Duration.ofSeconds(10);

  DoctorCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute() {
    Path home = options.home(env);
    DoctorConfig config = DoctorConfig.read(env, options, home);
    try {
      List<DoctorView.Check> checks =
          new ArrayList<>(List.of(config.check(), store(), git(), processes()));
      switch (config) {
        case DoctorConfig.Read read -> {
          checks.add(DoctorWorkspace.check(read.config().workspace().root()));
          checks.addAll(new DoctorAgentCheck(env.env(), env.cwd()).checks(read.config().agent()));
        }
        case DoctorConfig.Unreadable unreadable -> {
          for (String name :
              List.of(DoctorWorkspace.NAME, DoctorAgentCheck.NAME, DoctorAgentEnv.ENV)) {
            checks.add(DoctorView.Check.skipped(name, DoctorConfig.SKIPPED));
          }
        }
      }
      DoctorView view = DoctorView.of(checks);
      output().result(view, out -> print(view, out));
      return view.ok() ? ExitCodes.OK : ExitCodes.FAILURE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.FAILURE;
    }
  }

  private static void print(DoctorView view, PrintStream out) {
    for (DoctorView.Check c : view.checks()) {
      String label = c.ok() ? "ok" : c.failed() ? "FAIL" : "skip";
      out.printf("%-4s  %-6s  %s%n", label, c.name(), c.detail());
      c.problems().forEach(problem -> out.printf("%-4s  %-6s  - %s%n", "", c.name(), problem));
      c.notes().forEach(note -> out.printf("%-4s  %-6s  %s%n", "note", c.name(), note));
    }
    long failed = view.checks().stream().filter(DoctorView.Check::failed).count();
    long skipped = view.checks().stream().filter(c -> !c.ok() && !c.failed()).count();
    out.println(
        failed == 0
            ? "all checks passed"
            : failed
                + " of "
                + view.checks().size()
                + " checks failed"
                + (skipped == 0 ? "" : ", " + skipped + " skipped"));
  }

  private DoctorView.Check store() {
    String url = options.storeUrl(env);
    try (CommissionStore store = Stores.openExisting(url, env.clock(), env.random())) {
      return DoctorView.Check.pass(
          "store", redact(url) + " is reachable and its schema is at this sleigh's version");
    } catch (StoreException e) {
      if (e.error().code() == ErrorCode.STORE_MISSING) {
        return noStoreYet(url);
      }
      return DoctorView.Check.fail("store", e.error().code().wire() + ": " + e.error().message());
    }
  }

  /**
   * No store yet is no failure (the first {@code run} creates it) as long as one can be created:
   * doctor never creates one itself, so a mistyped home shows as a note instead of an empty store.
   */
  private static DoctorView.Check noStoreYet(String url) {
    if (url.startsWith("jdbc:sqlite:")) {
      Path file = Path.of(url.substring("jdbc:sqlite:".length())).toAbsolutePath();
      Path existing = file.getParent();
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
        return DoctorView.Check.fail(
            "store",
            "no store at "
                + file
                + ", and none can be created: "
                + existing
                + " is no writable"
                + " directory");
      }
    }
    return DoctorView.Check.pass("store", "no store yet at " + redact(url))
        .withNote(
            "init, decision add, commission create and run create it; if one should be there,"
                + " check --home, --store, $SLEIGH_HOME and $SLEIGH_STORE");
  }

  private DoctorView.Check git() throws InterruptedException {
    Map<String, String> childEnv = ChildEnvironment.of(env.env(), Map.of());
    try {
      Path git = ProgramLocator.locate("git", env.cwd(), childEnv);
      DoctorProbe.Answer answer = DoctorProbe.ask(git, List.of("--version"), childEnv, GIT_LIMIT);
      return answer.ok()
          ? DoctorView.Check.pass("git", answer.firstLine() + " (" + git + ")")
          : DoctorView.Check.fail("git", git + " --version failed: " + answer.firstLine());
    } catch (AgentLaunchException e) {
      return DoctorView.Check.fail(
          "git", "git was not found on PATH (" + childEnv.getOrDefault("PATH", "") + ")");
    } catch (IOException e) {
      return DoctorView.Check.fail("git", "cannot run git: " + e.getMessage());
    }
  }

  /**
   * Whether hooks and evidence commands can run ({@code bash} starts as a child), and how their
   * process trees are found and ended here: a group of their own through {@code setsid}, and the
   * marker in their environment through {@code /proc}; without either, a note says what is weaker.
   */
  private DoctorView.Check processes() throws InterruptedException {
    Map<String, String> childEnv = ChildEnvironment.of(env.env(), Map.of());
    String how =
        (Setsid.program().map(p -> "own process group through " + p).orElse("no setsid"))
            + ", "
            + (ProcTable.available() ? "leftovers found through /proc" : "no /proc");
    try {
      Path bash = ProgramLocator.locate("bash", env.cwd(), childEnv);
      DoctorProbe.Answer answer =
          DoctorProbe.ask(bash, List.of("-c", "echo children run"), childEnv, GIT_LIMIT);
      if (!answer.ok()) {
        return DoctorView.Check.fail("process", bash + " did not run: " + answer.firstLine());
      }
      DoctorView.Check check = DoctorView.Check.pass("process", "bash runs (" + bash + "); " + how);
      if (Setsid.program().isEmpty()) {
        check =
            check.withNote(
                "no setsid program: children share the runner's process group and are ended"
                    + " through their process tree"
                    + (ProcTable.available() ? " and the marker in their environment" : ""));
      }
      if (!ProcTable.available()) {
        check =
            check.withNote(
                "no /proc: a process that leaves its parent's tree and group cannot be found");
      }
      return check;
    } catch (AgentLaunchException e) {
      return DoctorView.Check.fail(
          "process", "bash, which runs hooks and evidence commands, was not found on PATH");
    } catch (IOException e) {
      return DoctorView.Check.fail("process", "cannot start a child process: " + e.getMessage());
    }
  }

  /** The URL without a password, for output. */
  public static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***")
        .replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
  }
}
