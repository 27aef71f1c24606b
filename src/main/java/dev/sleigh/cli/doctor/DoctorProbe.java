package dev.sleigh.cli.doctor;

import dev.sleigh.process.Child;
import dev.sleigh.process.ChildLaunch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a program once to ask it something small ({@code --version}): argv list, given environment,
 * no stdin, output captured in a file and read up to a few kilobytes, and the whole tree killed
 * when it outlives its limit.
 */
final class DoctorProbe {
  private static final int OUTPUT_LIMIT = 4096;
  private static final Duration KILL_LIMIT = Duration.ofSeconds(5);

  /** How the program answered: its exit code (or none when it was killed) and its output lines. */
  record Answer(boolean timedOut, int exitCode, List<String> lines) {
    Answer {
      lines = List.copyOf(lines);
    }

    boolean ok() {
      return !timedOut && exitCode == 0;
    }

    String firstLine() {
      return lines.isEmpty() ? "" : lines.getFirst();
    }

    /**
     * The line that names a version ({@code codex-cli 0.169.0}), rather than a warning the program
     * printed first; the first line when none does.
     */
    String versionLine() {
      return lines.stream()
          .filter(l -> dev.sleigh.agent.AgentVersion.findIn(l).isPresent())
          .filter(l -> !l.startsWith("WARNING"))
          .findFirst()
          .orElse(firstLine());
    }

    /** The lines that are warnings ({@code WARNING: …}). */
    List<String> warnings() {
      return lines.stream().filter(l -> l.startsWith("WARNING")).toList();
    }
  }

  private DoctorProbe() {}

  static Answer ask(Path program, List<String> args, Map<String, String> env, Duration limit)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile("sleigh-doctor-", ".out");
    try (Child child =
        Child.start(
            new ChildLaunch(
                argv(program, args),
                Path.of(System.getProperty("user.dir")),
                env,
                new ChildLaunch.Input.Nothing(),
                new ChildLaunch.Output.ToFiles(output, null)))) {
      if (!child.waitFor(limit)) {
        child.kill(KILL_LIMIT);
        return new Answer(true, -1, List.of());
      }
      String text = head(output).strip();
      return new Answer(
          false,
          child.exitCode(),
          text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static List<String> argv(Path program, List<String> args) {
    var argv = new ArrayList<String>();
    argv.add(program.toString());
    argv.addAll(args);
    return argv;
  }

  private static String head(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(OUTPUT_LIMIT), StandardCharsets.UTF_8);
    }
  }
}
