package dev.sleigh.cli.run;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.RunSetup;
import dev.sleigh.cli.common.StoreVerb;
import dev.sleigh.config.LocatedFileException;
import dev.sleigh.config.SleighConfig;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.view.StatusReport;
import dev.sleigh.view.StatusSettings;
import dev.sleigh.view.StatusView;
import java.io.PrintStream;
import picocli.CommandLine.Command;

/** {@code sleigh status}: what runs, what waits, what failed — from the store only (SPEC §6.2). */
@Command(
    name = "status",
    description = "Runners, commissions by state, work in flight, retries, approvals, failures.")
public final class StatusCommand extends StoreVerb {
  StatusCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute(CommissionStore store) {
    SleighConfig config = config();
    StatusView view =
        StatusReport.of(
            store,
            env.clock(),
            new StatusSettings(
                config.engine().leaseTtl(), config.safeguards().human(), config.retry()));
    output().result(view, out -> print(out, view));
    return ExitCodes.OK;
  }

  /** Runners and approvals are judged against the configured limits; a broken config falls back. */
  private SleighConfig config() {
    try {
      return RunSetup.config(env, options, options.home(env));
    } catch (LocatedFileException | IllegalArgumentException e) {
      output()
          .note(
              "sleigh: warning: "
                  + e.getMessage()
                  + "; judging runners and approvals by the defaults");
      return SleighConfig.defaults(env.cwd());
    }
  }

  private static void print(PrintStream out, StatusView v) {
    out.println("runners");
    v.runners()
        .forEach(
            r ->
                out.printf(
                    "  %-24s %-8s pid %-8d heartbeat %s%n",
                    r.runnerId(), r.status(), r.pid(), r.lastHeartbeat()));
    out.print("commissions ");
    v.counts()
        .forEach(
            (state, n) -> {
              if (n > 0) {
                out.print(" " + state + "=" + n);
              }
            });
    out.println();
    out.println("in flight (" + v.inFlight().size() + ")");
    v.inFlight()
        .forEach(
            c ->
                out.printf(
                    "  %-28s %-10s %s#%d  runner %s  %ds  lease until %s%n",
                    c.id(),
                    c.state(),
                    c.phase(),
                    c.attempt(),
                    c.runnerId(),
                    c.elapsedSeconds(),
                    c.leaseExpiresAt()));
    out.println("retry scheduled (" + v.retryScheduled().size() + ")");
    v.retryScheduled()
        .forEach(
            c ->
                out.printf(
                    "  %-28s %s#%d at %s  (%s)%n",
                    c.id(), c.phase(), c.attempt(), c.retryAt(), c.reason()));
    out.println("waiting for a human (" + v.waitingHuman().size() + ")");
    v.waitingHuman()
        .forEach(
            c ->
                out.printf(
                    "  %-28s %s  waiting %ds%s  (%s)%n",
                    c.id(),
                    c.phase(),
                    c.ageSeconds(),
                    c.escalated() ? "  ESCALATED" : "",
                    c.reason()));
    out.println("awaiting a runner (" + v.awaitingClaim().size() + ")");
    v.awaitingClaim()
        .forEach(c -> out.printf("  %-28s %s#%d  (%s)%n", c.id(), c.phase(), c.attempt(), c.why()));
    out.println("projections unpublished (" + v.projections().size() + ")");
    v.projections()
        .forEach(
            p ->
                out.printf(
                    "  %-28s %-8s %s  attempts %d%s  (%s)%n",
                    p.commissionId(),
                    p.status(),
                    p.debt() ? "DEBT" : "optional",
                    p.attempts(),
                    p.retryAt() == null ? "" : ", retry at " + p.retryAt(),
                    p.lastError() == null ? "not tried yet" : p.lastError()));
    out.println("recent failures (" + v.recentFailures().size() + ")");
    v.recentFailures()
        .forEach(
            c -> {
              out.printf(
                  "  %-28s %-16s %s%s%n",
                  c.id(),
                  c.state(),
                  c.reason(),
                  c.retryAt() == null ? "" : " (retry at " + c.retryAt() + ")");
              if (c.budget() != null) {
                out.printf(
                    "  %-28s %s%s#%d: %s; %s attempts %d/%d, all %d/%d%n",
                    "",
                    c.exhausted() == null ? "" : c.exhausted() + " ran out; last ",
                    c.phase(),
                    c.attempt(),
                    c.lastReason(),
                    c.phase(),
                    c.budget().phaseFailures(),
                    c.budget().maxAttemptsPerPhase(),
                    c.budget().totalFailures(),
                    c.budget().maxAttemptsTotal());
              }
            });
  }
}
