package dev.sleigh.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A named pipe agent scripts write one-line messages to ({@code echo … > "$SLEIGH_IT_DIR/beacon"}),
 * so a test learns, without polling, that an agent reached a point. The test holds the pipe open
 * for reading and writing, so an agent's write never blocks and the reader never sees its end until
 * the beacon is closed.
 */
final class AgentBeacon implements AutoCloseable {
  private static final String CLOSE = "\u0000close";

  private final Path fifo;
  private final RandomAccessFile pipe;
  private final BlockingQueue<String> fresh = new LinkedBlockingQueue<>();
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private AgentBeacon(Path fifo, RandomAccessFile pipe) {
    this.fifo = fifo;
    this.pipe = pipe;
    this.reader = Thread.ofPlatform().daemon().name("beacon").start(this::read);
  }

  static AgentBeacon open(Path fifo) throws IOException, InterruptedException {
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
      throw new IOException("mkfifo " + fifo + " failed");
    }
    // read-write: opening does not wait for a writer, and agents that come and go never end it
    return new AgentBeacon(fifo, new RandomAccessFile(fifo.toFile(), "rw"));
  }

  private void read() {
    StringBuilder line = new StringBuilder();
    try {
      for (int b = pipe.read(); b >= 0; b = pipe.read()) {
        if (b != '\n') {
          line.append((char) b);
          continue;
        }
        String text = line.toString();
        line.setLength(0);
        if (text.equals(CLOSE)) {
          return;
        }
        received.add(text);
        fresh.add(text);
      }
    } catch (IOException e) {
      // closed under us: nothing more to read
    }
  }

  /** Every message so far. */
  List<String> received() {
    return List.copyOf(received);
  }

  /** The next message not yet consumed, waiting at most {@code max}; empty when none came. */
  Optional<String> poll(Duration max) throws InterruptedException {
    return Optional.ofNullable(fresh.poll(max.toNanos(), TimeUnit.NANOSECONDS));
  }

  /** Blocks until a message not yet consumed matches {@code pattern}; fails after {@code max}. */
  String await(Pattern pattern, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (true) {
      String message = fresh.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (message == null) {
        throw new AssertionError(
            "no agent message matching /"
                + pattern
                + "/ on "
                + fifo
                + " within "
                + max
                + "; received "
                + received);
      }
      if (pattern.matcher(message).find()) {
        return message;
      }
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      pipe.write((CLOSE + "\n").getBytes(StandardCharsets.US_ASCII));
      reader.join(Duration.ofSeconds(5));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      pipe.close();
    }
  }
}
