package dev.sleigh.cli.delivery;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.http.LogDirectory;
import dev.sleigh.view.CommissionDetailView.LogTailView;
import dev.sleigh.view.FailureDetail.AttemptLog;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The log files a commission's attempts left under {@code <home>/logs/<id>/}, as the dashboard
 * reads them ({@link LogDirectory}): {@code <phase>-<attempt>.log} (the agent's output and the
 * hooks') and {@code <phase>-<attempt>-<evidence>.log} (an evidence command's), each with its tail.
 */
final class AttemptLogFiles {
  private AttemptLogFiles() {}

  /** Every attempt log of {@code commission}; none when they cannot be read. */
  static List<AttemptLog> of(Path logs, CommissionRecord commission) {
    try {
      return new LogDirectory(logs)
          .logTails(commission).stream()
              .filter(t -> t.phase() != null)
              .map(t -> attemptLog(logs.resolve(commission.id()), t))
              .toList();
    } catch (UncheckedIOException e) {
      return List.of();
    }
  }

  private static AttemptLog attemptLog(Path dir, LogTailView t) {
    String stem = t.phase() + "-" + t.attempt();
    String rest = t.name().substring(stem.length(), t.name().length() - ".log".length());
    return new AttemptLog(
        t.phase(),
        t.attempt(),
        rest.startsWith("-") ? rest.substring(1) : null,
        dir.resolve(t.name()).toAbsolutePath().toString(),
        t.tail());
  }
}
