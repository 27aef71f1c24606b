package dev.sleigh.runtime.phase;

import dev.sleigh.domain.Secrets;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a hook or evidence command prints, line by line as it comes: secrets written over, appended
 * to its log file, digested whole, and its tail kept for the record. Nothing a script prints
 * reaches a file or the store before a secret in it is hidden.
 */
final class ShellOutput implements AutoCloseable {
  // a lock, not a monitor: a reader thread that waits on the disk must not pin a carrier
  private final ReentrantLock lock = new ReentrantLock();

  /** How much of the end of the output is kept in memory for the record. */
  static final int TAIL_KEPT = 8_192;

  private final BufferedWriter log;
  private final MessageDigest digest;
  private final StringBuilder tail = new StringBuilder();
  private boolean broken;

  ShellOutput(Path logFile) throws IOException {
    Files.createDirectories(logFile.toAbsolutePath().getParent());
    this.log =
        Files.newBufferedWriter(
            logFile,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND,
            StandardOpenOption.WRITE);
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** One line of the script's output (stdout and stderr together). */
  void line(String raw) {
    lock.lock();
    try {
      String line = Secrets.redact(raw) + "\n";
      digest.update(line.getBytes(StandardCharsets.UTF_8));
      tail.append(line);
      if (tail.length() > 2 * TAIL_KEPT) {
        tail.delete(0, tail.length() - TAIL_KEPT);
      }
      if (!broken) {
        try {
          log.write(line);
          log.flush();
        } catch (IOException e) {
          broken = true;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** The last {@code chars} characters of the output. */
  String tail(int chars) {
    lock.lock();
    try {
      return tail.length() > chars ? tail.substring(tail.length() - chars) : tail.toString();
    } finally {
      lock.unlock();
    }
  }

  /** The SHA-256 of the whole (redacted) output, in hex. */
  String sha256() {
    lock.lock();
    try {
      try {
        return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
      } catch (CloneNotSupportedException e) {
        throw new IllegalStateException(e);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      try {
        log.close();
      } catch (IOException e) {
        // the record of the output is what counts; a log that cannot be closed loses nothing more
      }
    } finally {
      lock.unlock();
    }
  }
}
