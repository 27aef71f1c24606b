package dev.sleigh.cli.doctor;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code sleigh doctor --json} prints: {@code ok} when every check passed, and each check with
 * what it found. Additive changes only.
 */
record DoctorView(boolean ok, List<Check> checks) {

  static DoctorView of(List<Check> checks) {
    return new DoctorView(checks.stream().allMatch(Check::ok), List.copyOf(checks));
  }

  /**
   * One thing doctor looked at: its name, whether it is usable, what was found, and notes worth
   * reading that do not make it fail (such as an agent newer than the one Sleigh was tested with).
   */
  record Check(String name, boolean ok, String detail, List<String> notes) {
    Check {
      notes = List.copyOf(notes);
    }

    static Check pass(String name, String detail) {
      return new Check(name, true, detail, List.of());
    }

    static Check fail(String name, String detail) {
      return new Check(name, false, detail, List.of());
    }

    Check withNote(String note) {
      var more = new ArrayList<>(notes);
      more.add(note);
      return new Check(name, ok, detail, more);
    }
  }
}
