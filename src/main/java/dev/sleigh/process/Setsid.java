package dev.sleigh.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The system's {@code setsid} program, which starts a child as the leader of a new session and
 * process group, so the whole group can be signalled at once. Where it is missing (some minimal
 * images, macOS), children stay in the runner's group and are found through their tree and the
 * marker in their environment instead.
 */
public final class Setsid {
  private static final List<Path> KNOWN =
      List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));
  private static final Optional<Path> FOUND = find();

  private Setsid() {}

  /**
   * The system property that makes Sleigh act as on a system without the program, to try the
   * fallback where the program exists.
   */
  public static final String DISABLED = "sleigh.process.no-setsid";

  /** The program, when this system has one and {@link #DISABLED} is not set. */
  public static Optional<Path> program() {
    return Boolean.getBoolean(DISABLED) ? Optional.empty() : FOUND;
  }

  private static Optional<Path> find() {
    Optional<Path> known = KNOWN.stream().filter(Files::isExecutable).findFirst();
    if (known.isPresent()) {
      return known;
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "setsid"))) {
        return Optional.of(Path.of(dir, "setsid").toAbsolutePath());
      }
    }
    return Optional.empty();
  }
}
