package dev.sleigh.cli.doctor;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.GlobalOptions;
import dev.sleigh.cli.common.RunSetup;
import dev.sleigh.config.LocatedFileException;
import dev.sleigh.config.SleighConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code config} check: the {@code sleigh.md} read as a run reads it (the embedded defaults
 * when the default file is absent). A file that cannot be read fails the check with every problem
 * found in it, and the checks that need the configuration are then skipped.
 */
sealed interface DoctorConfig {
  String NAME = "config";

  /** Why the checks that need the configuration were not made. */
  String SKIPPED = "config failed";

  DoctorView.Check check();

  /** The configuration could be read. */
  record Read(SleighConfig config, DoctorView.Check check) implements DoctorConfig {}

  /** It could not: {@code check} failed with every problem found. */
  record Unreadable(DoctorView.Check check) implements DoctorConfig {}

  static DoctorConfig read(CliEnvironment env, GlobalOptions options, Path home) {
    Path file = options.config(env);
    try {
      SleighConfig config = RunSetup.config(env, options, home);
      String source =
          Files.isRegularFile(file) ? file.toString() : "no " + file + ", so the embedded defaults";
      return new Read(
          config,
          DoctorView.Check.pass(
              NAME,
              source
                  + " (agent kind "
                  + config.agent().kind().wire()
                  + ", workspaces under "
                  + config.workspace().root()
                  + ")"));
    } catch (LocatedFileException e) {
      return unreadable(file, e.problems().stream().map(Throwable::getMessage).toList());
    } catch (IllegalArgumentException e) {
      return unreadable(file, List.of(e.getMessage()));
    }
  }

  private static DoctorConfig unreadable(Path file, List<String> problems) {
    String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
    return new Unreadable(
        DoctorView.Check.fail(NAME, file + " cannot be read: " + count, problems));
  }
}
