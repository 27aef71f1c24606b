package dev.sleigh.cli.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code sleigh doctor --json} prints: {@code ok} when every check passed, and every check
 * with its status and what it found. Additive changes only.
 */
record DoctorView(boolean ok, List<Check> checks) {

  static DoctorView of(List<Check> checks) {
    return new DoctorView(checks.stream().allMatch(Check::ok), List.copyOf(checks));
  }

  /** Whether a check passed, failed, or could not be made because another one failed. */
  enum Status {
    PASSED,
    FAILED,
    SKIPPED;

    String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One thing doctor looked at: its name, its status ({@code passed}, {@code failed} or {@code
   * skipped}; {@code ok} is true only when it passed), what was found, every problem found when
   * there are several (such as each mistake of a {@code sleigh.md}), and notes worth reading that
   * do not make it fail (such as an agent newer than the one Sleigh was tested with).
   */
  record Check(
      String name,
      String status,
      boolean ok,
      String detail,
      List<String> problems,
      List<String> notes) {
    Check {
      problems = List.copyOf(problems);
      notes = List.copyOf(notes);
      if (ok != status.equals(Status.PASSED.wire())) {
        throw new IllegalArgumentException("ok is true exactly when the check passed");
      }
    }

    private Check(String name, Status status, String detail, List<String> problems) {
      this(name, status.wire(), status == Status.PASSED, detail, problems, List.of());
    }

    static Check pass(String name, String detail) {
      return new Check(name, Status.PASSED, detail, List.of());
    }

    static Check fail(String name, String detail) {
      return new Check(name, Status.FAILED, detail, List.of());
    }

    /** A failed check that found several problems, each listed on its own. */
    static Check fail(String name, String detail, List<String> problems) {
      return new Check(name, Status.FAILED, detail, problems);
    }

    /** A check that could not be made because another one failed. */
    static Check skipped(String name, String reason) {
      return new Check(name, Status.SKIPPED, reason, List.of());
    }

    boolean failed() {
      return status.equals(Status.FAILED.wire());
    }

    Check withNote(String note) {
      var more = new ArrayList<>(notes);
      more.add(note);
      return new Check(name, status, ok, detail, problems, more);
    }

    /** The same check with {@code detail} instead of its own. */
    Check withDetail(String other) {
      return new Check(name, status, ok, other, problems, notes);
    }
  }
}
