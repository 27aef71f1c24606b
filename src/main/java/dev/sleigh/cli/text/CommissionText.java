package dev.sleigh.cli.text;

import dev.sleigh.view.CommissionView;
import dev.sleigh.view.EventView;
import dev.sleigh.view.LeaseView;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The readable forms of commissions and events. */
public final class CommissionText {
  private CommissionText() {}

  public static void table(PrintStream out, List<CommissionView> views) {
    if (views.isEmpty()) {
      out.println("no commissions");
      return;
    }
    out.printf("%-28s %-16s %-12s %-3s %s%n", "ID", "STATE", "PHASE", "PRI", "TITLE");
    for (CommissionView c : views) {
      out.printf(
          "%-28s %-16s %-12s %-3d %s%n", c.id(), c.state(), c.progress(), c.priority(), c.title());
    }
  }

  public static void show(PrintStream out, CommissionView c) {
    out.println(c.id() + "  " + c.state() + "  " + c.title());
    line(out, "phase", c.progress());
    line(out, "generation", c.generation() + " (epoch " + c.epoch() + ")");
    line(out, "lease", lease(c.lease()));
    line(out, "retry at", c.retryAt());
    line(out, "reason", c.reason());
    line(out, "decision", c.decision().id() + " @ " + c.decision().revision());
    line(out, "priority", c.priority());
    line(out, "depends on", c.dependsOn().isEmpty() ? null : String.join(", ", c.dependsOn()));
    line(out, "snapshot", c.snapshotHash());
    line(out, "valid until", c.validUntil());
    line(out, "created", c.createdAt());
    line(out, "updated", c.updatedAt());
  }

  /** What the commission asks for: repository, scope, evidence commands and its body. */
  public static void spec(PrintStream out, dev.sleigh.domain.Commission c) {
    var repo = c.repo();
    line(out, "repo", (repo.path() != null ? repo.path() : repo.url()) + " @ " + repo.baseRef());
    line(out, "allowed", String.join(", ", c.scope().allowedPaths()));
    line(
        out,
        "forbidden",
        c.scope().forbiddenPaths().isEmpty()
            ? null
            : String.join(", ", c.scope().forbiddenPaths()));
    line(out, "locks", c.scope().locks().isEmpty() ? null : String.join(", ", c.scope().locks()));
    for (var e : c.evidence()) {
      line(
          out,
          "evidence",
          e.name()
              + ": "
              + e.command()
              + " (timeout "
              + dev.sleigh.domain.Durations.format(e.timeout())
              + ")");
    }
    if (c.body() != null && !c.body().isBlank()) {
      out.println("  body:");
      c.body().lines().forEach(l -> out.println("    " + l));
    }
  }

  public static void events(PrintStream out, List<EventView> events) {
    for (EventView e : events) {
      String phase = e.phase() == null ? "" : " " + e.phase() + "#" + e.attempt();
      String data = summary(e.data());
      out.printf(
          "%4d  %s  g%d e%d  %s%s%s%n",
          e.seq(), e.at(), e.generation(), e.epoch(), e.type(), phase, data);
    }
  }

  /** The event's data without the full spec a {@code created} event carries. */
  private static String summary(Map<String, Object> data) {
    Map<String, Object> shown = new LinkedHashMap<>(data);
    shown.remove("spec");
    return shown.isEmpty() ? "" : "  " + shown;
  }

  private static String lease(LeaseView lease) {
    return lease == null
        ? "free"
        : lease.runnerId() + " (epoch " + lease.epoch() + ", expires " + lease.expiresAt() + ")";
  }

  private static void line(PrintStream out, String label, Object value) {
    if (value != null) {
      out.printf("  %-12s %s%n", label + ":", value);
    }
  }
}
