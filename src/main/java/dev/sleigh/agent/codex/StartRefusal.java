package dev.sleigh.agent.codex;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What codex said when it refused to start: the last line of its stderr that begins {@code Error:}
 * (codex prints its configuration errors that way, then exits), read from the end of the attempt's
 * log.
 */
final class StartRefusal {
  private static final int TAIL_BYTES = 16 * 1024;
  private static final int LINE_LIMIT = 300;

  private StartRefusal() {}

  static Optional<String> in(Path log) {
    String tail;
    try {
      tail = tail(log);
    } catch (IOException e) {
      return Optional.empty();
    }
    return tail.lines()
        .map(String::strip)
        .filter(line -> line.startsWith("Error:"))
        .reduce((first, second) -> second)
        .map(line -> line.length() > LINE_LIMIT ? line.substring(0, LINE_LIMIT) + "…" : line);
  }

  private static String tail(Path log) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long start = Math.max(0, file.length() - TAIL_BYTES);
      byte[] bytes = new byte[(int) (file.length() - start)];
      file.seek(start);
      file.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
