package dev.sleigh.cli.doctor;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code workspace} check: {@code workspace.root} is a writable directory, or the nearest
 * directory that exists on the way to it is writable, so a run can create it. A path that is, or
 * lies under, a regular file fails, naming both.
 */
final class DoctorWorkspace {
  static final String NAME = "workspace";

  private DoctorWorkspace() {}

  static DoctorView.Check check(Path root) {
    Path target = root.toAbsolutePath().normalize();
    Path existing = target;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return DoctorView.Check.fail(NAME, "workspace.root " + target + ": no part of it exists");
    }
    String where = existing.equals(target) ? "it" : existing.toString();
    if (!Files.isDirectory(existing)) {
      return DoctorView.Check.fail(
          NAME,
          "workspace.root "
              + target
              + " cannot be "
              + (existing.equals(target) ? "used" : "created")
              + ": "
              + where
              + " is a file, not a directory");
    }
    if (!Files.isWritable(existing)) {
      return DoctorView.Check.fail(
          NAME, "workspace.root " + target + " cannot be written: " + where + " is not writable");
    }
    return existing.equals(target)
        ? DoctorView.Check.pass(NAME, target + " is a writable directory")
        : DoctorView.Check.pass(
            NAME, target + " does not exist yet; a run creates it under " + existing);
  }
}
