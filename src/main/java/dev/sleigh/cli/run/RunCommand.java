package dev.sleigh.cli.run;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.CliFailure;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.RunSetup;
import dev.sleigh.cli.common.ShutdownSignals;
import dev.sleigh.cli.common.StoreVerb;
import dev.sleigh.cli.common.ToolCommand;
import dev.sleigh.cli.delivery.ServedFiles;
import dev.sleigh.cli.text.LiveBlock;
import dev.sleigh.cli.text.Progress;
import dev.sleigh.http.BearerToken;
import dev.sleigh.http.ServerSettings;
import dev.sleigh.http.StatusServer;
import dev.sleigh.http.Transport;
import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.lifecycle.StoreError;
import dev.sleigh.runtime.Runner;
import dev.sleigh.runtime.RunnerContext;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.view.StatusSettings;
import dev.sleigh.view.ViewJson;
import dev.sleigh.workspace.Git;
import dev.sleigh.workspace.Workspaces;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sleigh run}: the runtime loop (SPEC §4). */
@Command(name = "run", description = "Claim commissions and carry them through their phases.")
public final class RunCommand extends StoreVerb {
  /** Graceful shutdown must end well inside the 30 seconds operators are promised. */
  static final Duration SHUTDOWN_DEADLINE = Duration.ofSeconds(25);

  static final class Mode {
    @Option(names = "--once", description = "One claim pass, then wait for the work it started.")
    boolean once;

    @Option(
        names = "--drain",
        description = "Run until no commission can move without an operator.")
    boolean drain;
  }

  @ArgGroup(exclusive = true)
  Mode mode = new Mode();

  @Option(names = "--concurrency", paramLabel = "N", description = "Commissions in flight at once.")
  Integer concurrency;

  @Option(
      names = "--runner-id",
      paramLabel = "R",
      description = "This runner's id (default: host-pid).")
  String runnerId;

  @Option(
      names = "--queue",
      paramLabel = "Q",
      description = "Claim only commissions of queue Q (default: every queue).")
  String queue;

  @Option(
      names = "--quiet",
      description = "No progress and no informational log lines; warnings only.")
  boolean quiet;

  @Option(
      names = "--http",
      arity = "0..1",
      paramLabel = "PORT",
      fallbackValue = "7447",
      description = "Also serve the status API and dashboard on 127.0.0.1 (default port 7447).")
  Integer httpPort;

  /** The live block on a terminal; null when there is none. */
  private Progress.Live live;

  RunCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected boolean createsStore() {
    return true;
  }

  @Override
  protected int execute(CommissionStore store) {
    RunSetup setup;
    try {
      setup = RunSetup.load(env, options, concurrency, runnerId).inQueue(queue);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(new StoreError(ErrorCode.INVALID, e.getMessage(), null, null));
    }
    AtomicBoolean stop = new AtomicBoolean();
    try (Runner runner =
            new Runner(
                withProgress(
                    setup
                        .context(store, env.clock(), env.env())
                        .withTools(ToolCommand.of(env, options, setup.config()))));
        AutoCloseableServer server =
            new AutoCloseableServer(httpPort == null ? null : serve(store, setup));
        LiveScreen screen = LiveScreen.start(live, env.err())) {
      ShutdownSignals.onFirstSignal(
          () -> {
            screen.say(
                "sleigh: shutting down: stopping agents and releasing leases (a second signal"
                    + " kills every agent and exits at once)");
            stop.set(true);
          });
      runner.register();
      output()
          .note(
              "sleigh: runner "
                  + setup.settings().runnerId()
                  + " started ("
                  + (mode.once ? "once" : mode.drain ? "drain" : "until stopped")
                  + (queue == null ? "" : ", queue " + queue)
                  + ")");
      RunLoop.Mode how =
          mode.once ? RunLoop.Mode.ONCE : mode.drain ? RunLoop.Mode.DRAIN : RunLoop.Mode.FOREVER;
      runner.startHeartbeats();
      int claimed = RunLoop.drive(runner, how, stop);
      if (runner.storeDamage().isPresent() || runner.storeLost()) {
        screen.close();
      }
      if (runner.storeDamage().isPresent()) {
        return storeDamaged(runner, runner.storeDamage().get());
      }
      if (runner.storeLost()) {
        return storeLost(runner);
      }
      runner.shutdown(stop.get() ? SHUTDOWN_DEADLINE : Duration.ZERO);
      screen.close();
      List<Touched> touched = touched(store, runner.touched());
      RunSummary summary =
          new RunSummary(setup.settings().runnerId(), claimed, stop.get(), touched);
      if (options.json()) {
        env.out().println(ViewJson.compact(summary));
      } else if (!quiet) {
        touched.forEach(
            t ->
                env.err()
                    .println(
                        "  "
                            + t.id()
                            + ": "
                            + t.state()
                            + (t.reason() == null ? "" : " (" + t.reason() + ")")));
        env.err().println("runner " + summary.runnerId() + " stopped; claimed " + claimed);
      }
      boolean anyFailed = touched.stream().anyMatch(t -> t.state().equals("failed"));
      return how != RunLoop.Mode.FOREVER && anyFailed ? ExitCodes.FAILURE : ExitCodes.OK;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.FAILURE;
    } finally {
      ShutdownSignals.onFirstSignal(null);
    }
  }

  /**
   * The store stayed unreachable past {@code engine.store_outage_limit}: every child of the runner
   * is ended before it exits, since nobody could record what they do; their leases expire.
   */
  private int storeLost(Runner runner) throws InterruptedException {
    env.err()
        .println(
            "sleigh: the store has been unreachable for longer than engine.store_outage_limit;"
                + " ending every agent, hook and evidence command and stopping");
    runner.shutdown(Duration.ZERO);
    return ExitCodes.UNAVAILABLE;
  }

  /**
   * The store answered that it is damaged: no phase failure is recorded and nothing is retried,
   * since no retry can mend a file; every child is ended and the runner stops with {@code
   * store_corrupt}, which names the file and what to do.
   */
  private int storeDamaged(Runner runner, StoreError damage) throws InterruptedException {
    env.err()
        .println(
            "sleigh: the store is damaged; ending every agent, hook and evidence command and"
                + " stopping without writing to it again");
    runner.halt();
    throw new CliFailure(damage);
  }

  /**
   * {@code --json}: the runtime log's records as JSON Lines on stdout, then the summary line. On a
   * terminal: live lines, redrawn every second and clipped to {@code COLUMNS} (80 when unset), with
   * informational logging quietened and warnings printed above them. Plain log lines otherwise.
   */
  private RunnerContext withProgress(RunnerContext ctx) {
    if (options.json()) {
      return ctx.withLog(Progress.jsonLines(env.out()));
    }
    if (quiet || System.console() != null && env.out() == System.out) {
      LogLevels.quieten();
    }
    if (!quiet && System.console() != null && env.out() == System.out) {
      live = Progress.terminal(env.err(), env.clock(), LiveBlock.width(env.variable("COLUMNS")));
      return ctx.withLog(live);
    }
    return ctx;
  }

  /** The optional server, closed with the runner whatever happens. */
  private record AutoCloseableServer(StatusServer server) implements AutoCloseable {
    @Override
    public void close() {
      if (server != null) {
        server.close();
      }
    }
  }

  /** The status API and dashboard beside the runner, loopback only, with a fresh bearer token. */
  private StatusServer serve(CommissionStore store, RunSetup setup) {
    String token = BearerToken.generate(new SecureRandom());
    ServerSettings settings =
        new ServerSettings(
            ServerSettings.DEFAULT_HOST,
            httpPort,
            false,
            new BearerToken(token, "--http"),
            new Transport.Http(),
            new StatusSettings(
                setup.config().engine().leaseTtl(),
                setup.config().safeguards().human(),
                setup.config().retry()));
    StatusServer server;
    try {
      server =
          StatusServer.start(
              store,
              env.clock(),
              env.random(),
              settings,
              new ServedFiles(
                  store,
                  new Workspaces(setup.config().workspace().root(), new Git()),
                  options.home(env).resolve("logs")));
    } catch (IOException e) {
      throw CliFailure.invalid(
          "--http: cannot listen on 127.0.0.1:" + httpPort + ": " + e.getMessage());
    }
    output()
        .note(
            "sleigh: serving "
                + server.url()
                + " (dashboard, /api/v1/..., /metrics); approve and reject"
                + " need 'Authorization: Bearer "
                + token
                + "'");
    return server;
  }

  /** What {@code run --json} prints as its last line when the runner stops. */
  /**
   * What a runner reports when it stops: how many claims it made and where each commission it
   * claimed stands now, with the reason of its state.
   */
  record RunSummary(String runnerId, int claimed, boolean interrupted, List<Touched> commissions) {}

  /** One commission a runner claimed, as the store has it when the runner stops. */
  record Touched(String id, String state, String reason) {}

  private static List<Touched> touched(CommissionStore store, List<String> ids) {
    List<Touched> out = new ArrayList<>();
    for (String id : ids) {
      try {
        store.find(id).ifPresent(r -> out.add(new Touched(id, r.state().wire(), r.reason())));
      } catch (RuntimeException e) {
        out.add(new Touched(id, "unknown", "the store did not answer: " + e.getMessage()));
      }
    }
    return out;
  }
}
