package dev.sleigh.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A named pipe an agent script waits on ({@code read -r line < "$SLEIGH_IT_DIR/gate"}) until the
 * test lets it through with {@link #release()}, one agent per line. The test holds the pipe open
 * for reading and writing, so a release never blocks and waits in the pipe for an agent that has
 * not reached the gate yet.
 */
final class AgentGate implements AutoCloseable {
  private final RandomAccessFile pipe;

  private AgentGate(RandomAccessFile pipe) {
    this.pipe = pipe;
  }

  static AgentGate open(Path fifo) throws IOException, InterruptedException {
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
      throw new IOException("mkfifo " + fifo + " failed");
    }
    return new AgentGate(new RandomAccessFile(fifo.toFile(), "rw"));
  }

  /** Lets one agent through, now or whenever it reaches the gate. */
  void release() throws IOException {
    pipe.write("go\n".getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public void close() throws IOException {
    pipe.close();
  }
}
