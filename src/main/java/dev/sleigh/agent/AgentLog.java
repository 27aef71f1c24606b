package dev.sleigh.agent;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The per-attempt log file of an agent: its stdout and stderr lines, appended and flushed line by
 * line so an operator can follow it while the agent works. Shared by the reader threads.
 */
final class AgentLog implements AutoCloseable {
  private final BufferedWriter out;
  private boolean broken;

  private AgentLog(BufferedWriter out) {
    this.out = out;
  }

  static AgentLog append(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return new AgentLog(
        Files.newBufferedWriter(
            file,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND,
            StandardOpenOption.WRITE));
  }

  /** Appends a line; a log that cannot be written must not stop the agent, so it goes quiet. */
  synchronized void line(String text) {
    if (broken) {
      return;
    }
    try {
      out.write(dev.sleigh.domain.Secrets.redact(text));
      out.newLine();
      out.flush();
    } catch (IOException e) {
      broken = true;
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing the agent log", e);
    }
  }
}
