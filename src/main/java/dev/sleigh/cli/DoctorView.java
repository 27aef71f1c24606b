package dev.sleigh.cli;

import java.util.List;

/**
 * What {@code sleigh doctor --json} prints: {@code ok} when every check passed, and each check with
 * what it found. Additive changes only.
 */
record DoctorView(boolean ok, List<Check> checks) {

  static DoctorView of(List<Check> checks) {
    return new DoctorView(checks.stream().allMatch(Check::ok), List.copyOf(checks));
  }

  /** One thing doctor looked at: its name, whether it is usable, and what was found. */
  record Check(String name, boolean ok, String detail) {
    static Check pass(String name, String detail) {
      return new Check(name, true, detail);
    }

    static Check fail(String name, String detail) {
      return new Check(name, false, detail);
    }
  }
}
