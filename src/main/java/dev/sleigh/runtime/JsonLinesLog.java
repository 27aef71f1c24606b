package dev.sleigh.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sleigh.domain.Secrets;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <home>/logs/runtime.jsonl}: one JSON object per line, appended and flushed per record.
 * When the file passes {@code maxBytes} it becomes {@code runtime.jsonl.1} (older files shift up,
 * at most {@code keep} are kept). A log that cannot be written never stops the runner.
 */
public final class JsonLinesLog implements RuntimeLog {
  public static final String FILE = "runtime.jsonl";
  private static final Logger LOG = LoggerFactory.getLogger(JsonLinesLog.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final long maxBytes;
  private final int keep;
  // a lock, not a monitor: a writer waiting on the disk must not pin a carrier thread
  private final ReentrantLock lock = new ReentrantLock();

  public JsonLinesLog(Path dir, long maxBytes, int keep) {
    this.file = dir.resolve(FILE);
    this.maxBytes = maxBytes;
    this.keep = keep;
  }

  public Path file() {
    return file;
  }

  @Override
  public void record(Map<String, Object> entry) {
    byte[] line;
    try {
      line =
          (Secrets.redact(JSON.writeValueAsString(entry)) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      LOG.warn("a runtime log record could not be written as JSON: {}", e.getOriginalMessage());
      return;
    }
    lock.lock();
    try {
      append(line);
    } catch (IOException e) {
      LOG.warn("cannot write the runtime log {} ({}); going on without it", file, e.getMessage());
    } finally {
      lock.unlock();
    }
  }

  private void append(byte[] line) throws IOException {
    Files.createDirectories(file.getParent());
    if (Files.exists(file) && Files.size(file) + line.length > maxBytes) {
      rotate();
    }
    if (endsTorn(file)) {
      // a writer died in the middle of a line: this record starts a line of its own
      line = ("\n" + new String(line, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }
    Files.write(
        file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
  }

  /** Whether {@code file} is not empty and does not end with a line break. */
  static boolean endsTorn(Path file) throws IOException {
    if (!Files.exists(file)) {
      return false;
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      if (length == 0) {
        return false;
      }
      in.seek(length - 1);
      return in.read() != '\n';
    }
  }

  private void rotate() throws IOException {
    Files.deleteIfExists(rotated(keep));
    for (int n = keep - 1; n >= 1; n--) {
      if (Files.exists(rotated(n))) {
        Files.move(rotated(n), rotated(n + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
  }

  /** The n-th older file; {@code 0} is the current one. */
  public Path rotated(int n) {
    return n == 0 ? file : file.resolveSibling(FILE + "." + n);
  }
}
