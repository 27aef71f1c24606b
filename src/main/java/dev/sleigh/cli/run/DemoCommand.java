package dev.sleigh.cli.run;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.CliFailure;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.RunSetup;
import dev.sleigh.cli.common.Verb;
import dev.sleigh.config.SleighConfig;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Decision;
import dev.sleigh.runtime.Runner;
import dev.sleigh.store.CommandResult;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.jdbc.Stores;
import dev.sleigh.workspace.Workspaces;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sleigh demo [DIR]}: Sleigh's main job on its embedded defaults — a SQLite store, the
 * built-in demo agent, no network — over a demo repository it creates in DIR. Running it again
 * finds everything done and says so.
 */
@Command(name = "demo", description = "Run three commissions on a demo repository, offline.")
public final class DemoCommand extends Verb {
  @Parameters(
      arity = "0..1",
      paramLabel = "DIR",
      description = "Where to put the demo (default: ./sleigh-demo).")
  Path dir;

  DemoCommand(CliEnvironment env) {
    super(env);
  }

  record DemoView(String dir, String store, List<Outcome> commissions, int verifyProblems) {}

  record Outcome(String id, String title, String state, String reason, List<String> changedFiles) {}

  @Override
  protected int execute() {
    Path root = env.resolve(dir == null ? Path.of("sleigh-demo") : dir);
    Path home = root.resolve(".sleigh");
    Path repo = root.resolve("repo");
    DemoProject.createRepository(repo);
    String url = Stores.defaultUrl(home);
    try (CommissionStore store = Stores.open(url, env.clock(), env.random())) {
      Decision decision =
          store
              .decisions()
              .find(DemoProject.DECISION)
              .orElseGet(
                  () ->
                      store
                          .decisions()
                          .add(
                              DemoProject.DECISION,
                              "Release version 2",
                              "Ship version 2 with a note and a changelog."));
      for (CommandResult r : store.intakeAll(DemoProject.commissions(repo, decision.revision()))) {
        r.orThrow();
      }
      SleighConfig config = demoConfig(root, home);
      drain(store, config, home);
      DemoView view = report(root, url, store, new Workspaces(config.workspace().root()));
      output().result(view, out -> print(out, view));
      boolean allDone = view.commissions().stream().allMatch(o -> o.state().equals("completed"));
      return allDone && view.verifyProblems() == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }
  }

  private static SleighConfig demoConfig(Path root, Path home) {
    SleighConfig d = SleighConfig.defaults(root);
    SleighConfig.Engine e = d.engine();
    return new SleighConfig(
        new SleighConfig.Engine(Duration.ofMillis(200), 2, e.leaseTtl(), e.cancelGrace(), true),
        d.retry(),
        d.agent(),
        new SleighConfig.WorkspaceSettings(home.resolve("workspaces")),
        d.workflow(),
        d.prompts());
  }

  private void drain(CommissionStore store, SleighConfig config, Path home) {
    RunSetup setup = RunSetup.of(config, home, null, "demo-" + ProcessHandle.current().pid());
    try (Runner runner = new Runner(setup.context(store, env.clock()))) {
      runner.register();
      runner.startHeartbeats();
      output().note("sleigh: running the demo commissions with the built-in demo agent ...");
      RunLoop.drive(runner, RunLoop.Mode.DRAIN, new AtomicBoolean());
      runner.shutdown(Duration.ZERO);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliFailure.invalid("interrupted");
    }
  }

  private static DemoView report(
      Path root, String url, CommissionStore store, Workspaces workspaces) {
    List<Outcome> outcomes = new ArrayList<>();
    for (CommissionRecord r : store.list(Optional.empty())) {
      List<String> changed =
          workspaces.find(r.id()).map(ws -> workspaces.changedPaths(ws.path())).orElse(List.of());
      outcomes.add(new Outcome(r.id(), r.spec().title(), r.state().wire(), r.reason(), changed));
    }
    return new DemoView(root.toString(), url, outcomes, store.verify().size());
  }

  private static void print(java.io.PrintStream out, DemoView view) {
    out.println("demo in " + view.dir());
    for (Outcome o : view.commissions()) {
      out.printf(
          "  %-20s %-10s %s%s%n",
          o.id(),
          o.state(),
          o.title(),
          o.state().equals(CommissionState.COMPLETED.wire())
              ? "  changed: " + o.changedFiles()
              : "  (" + o.reason() + ")");
    }
    out.println(
        view.verifyProblems() == 0
            ? "verify: every state is explained by its events"
            : "verify: " + view.verifyProblems() + " problems");
    out.println(
        "look around: ./sleigh --home "
            + view.dir()
            + "/.sleigh commission events wc-demo-version");
  }
}
