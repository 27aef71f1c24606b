package dev.sleigh.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program once to ask it something small ({@code --version}): argv list, given environment,
 * no stdin, output read up to a few kilobytes, and the whole tree killed when it outlives its
 * limit.
 */
final class DoctorProbe {
  private static final int OUTPUT_LIMIT = 4096;
  private static final File NO_INPUT = new File("/dev/null");

  /** How the program answered: its exit code (or none when it was killed) and first line. */
  record Answer(boolean timedOut, int exitCode, String firstLine) {
    boolean ok() {
      return !timedOut && exitCode == 0;
    }
  }

  private DoctorProbe() {}

  static Answer ask(Path program, List<String> args, Map<String, String> env, Duration limit)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(argv(program, args))
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(NO_INPUT));
    pb.environment().clear();
    pb.environment().putAll(env);
    Process process = pb.start();
    var output = new ByteArrayOutputStream();
    Thread reader = Thread.ofVirtual().start(() -> read(process.getInputStream(), output));
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        return new Answer(true, -1, "");
      }
      reader.join(Duration.ofSeconds(1));
      String text = output.toString(StandardCharsets.UTF_8).strip();
      return new Answer(false, process.exitValue(), text.lines().findFirst().orElse(""));
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static List<String> argv(Path program, List<String> args) {
    var argv = new ArrayList<String>();
    argv.add(program.toString());
    argv.addAll(args);
    return argv;
  }

  private static void read(InputStream in, ByteArrayOutputStream output) {
    byte[] buffer = new byte[1024];
    try (in) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        synchronized (output) {
          if (output.size() < OUTPUT_LIMIT) {
            output.write(buffer, 0, Math.min(n, OUTPUT_LIMIT - output.size()));
          }
        }
      }
    } catch (IOException e) {
      // the program was killed under us; what was read so far is the answer
    }
  }
}
