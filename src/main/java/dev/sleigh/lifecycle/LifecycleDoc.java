package dev.sleigh.lifecycle;

import dev.sleigh.domain.CommissionState;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders the lifecycle table as Markdown, so the docs are generated and cannot drift. */
public final class LifecycleDoc {
  private LifecycleDoc() {}

  public static String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("# Lifecycle\n\n")
        .append(
            "Generated from `dev.sleigh.lifecycle.Lifecycle` by `LifecycleDocTest`; do not edit by hand.\n")
        .append(
            "Each cell names the states a command may leave a commission in; `—` means the command\n")
        .append(
            "is refused (`lifecycle_forbidden`, or `lease_fenced` for a runner command without the\n")
        .append(
            "current lease) and changes nothing. Runner commands (†) also need the current lease.\n\n");
    out.append("| state |");
    for (CommandKind k : CommandKind.values()) {
      out.append(' ')
          .append(k.wire())
          .append(k.fence() == CommandKind.Fence.LEASE ? " †" : "")
          .append(" |");
    }
    out.append("\n|---|");
    out.append("---|".repeat(CommandKind.values().length)).append('\n');
    for (Map.Entry<CommissionState, Map<CommandKind, Lifecycle.Transition>> row :
        Lifecycle.table().entrySet()) {
      out.append("| ").append(row.getKey().wire()).append(" |");
      for (Lifecycle.Transition t : row.getValue().values()) {
        out.append(' ').append(cell(row.getKey(), t)).append(" |");
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String cell(CommissionState from, Lifecycle.Transition t) {
    return switch (t) {
      case Lifecycle.Transition.Forbidden f -> "—";
      case Lifecycle.Transition.Allowed a ->
          a.results().stream()
              .sorted()
              .map(s -> s == from ? "=" : s.wire())
              .collect(Collectors.joining(", "));
    };
  }
}
