package dev.sleigh.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The database's own check of its files and indexes, beside the event-log replay: which check ran
 * ({@code method}), whether it could run at all ({@code checked}; PostgreSQL without {@code
 * amcheck} cannot), what it found, and a note that says what was left out and why.
 */
public record IntegrityReport(String method, boolean checked, List<String> problems, String note) {

  public IntegrityReport {
    Objects.requireNonNull(method, "method");
    problems = List.copyOf(problems);
  }

  public static IntegrityReport clean(String method) {
    return new IntegrityReport(method, true, List.of(), null);
  }

  public static IntegrityReport damaged(String method, List<String> problems) {
    return new IntegrityReport(method, true, problems, null);
  }

  /** The check could not run; {@code why} says so instead of pretending it passed. */
  public static IntegrityReport unchecked(String method, String why) {
    return new IntegrityReport(method, false, List.of(), why);
  }

  public boolean ok() {
    return problems.isEmpty();
  }

  /** The same report with one more problem, found by something other than the check itself. */
  public IntegrityReport with(String problem) {
    var more = new ArrayList<>(problems);
    more.add(problem);
    return new IntegrityReport(method, checked, more, note);
  }
}
