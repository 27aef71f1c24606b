package dev.sleigh.view;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/commissions/ID/detail}, the dashboard's drawer: where the commission stands,
 * its spec in the canonical form its snapshot hash is taken of, what it did (the result view:
 * phases with attempts and their reasons, evidence, approvals, the change with its diff stat, runs)
 * and the tails of the logs its attempts left.
 */
public record CommissionDetailView(
    CommissionView commission,
    Map<String, Object> spec,
    ResultView result,
    List<LogTailView> logTails) {

  public CommissionDetailView {
    logTails = List.copyOf(logTails);
  }

  /**
   * The last lines of one log an attempt wrote: {@code name} is the file's name, e.g. {@code
   * execute-2.log}; {@code phase} and {@code attempt} are null when the name does not say them.
   */
  public record LogTailView(String name, String phase, Integer attempt, String tail) {}
}
