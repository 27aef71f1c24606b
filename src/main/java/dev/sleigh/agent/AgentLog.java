package dev.sleigh.agent;

import dev.sleigh.domain.Secrets;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The per-attempt log file of an agent: its stdout and stderr lines, appended and flushed line by
 * line so an operator can follow it while the agent works. Shared by the reader threads.
 */
final class AgentLog implements AutoCloseable {
  private final BufferedWriter out;
  // a lock, not a monitor: a reader thread that blocks on the disk must not pin anyone else
  private final ReentrantLock lock = new ReentrantLock();
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
  void line(String text) {
    String redacted = Secrets.redact(text);
    lock.lock();
    try {
      if (broken) {
        return;
      }
      out.write(redacted);
      out.newLine();
      out.flush();
    } catch (IOException e) {
      broken = true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing the agent log", e);
    } finally {
      lock.unlock();
    }
  }
}
