package dev.sleigh.cli.run;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.sleigh.cli.text.Progress;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * The live block of {@code sleigh run} while it is on the screen: redrawn once a second, with every
 * log line (a warning from any thread) printed above it instead of across it. Without a block (not
 * a terminal, {@code --json}, {@code --quiet}) lines go to the stream as they are.
 */
final class LiveScreen implements AutoCloseable {
  private final Progress.Live live;
  private final PrintStream err;
  private final ScheduledExecutorService ticker;
  private final Runnable restoreLogs;

  private LiveScreen(
      Progress.Live live, PrintStream err, ScheduledExecutorService ticker, Runnable restoreLogs) {
    this.live = live;
    this.err = err;
    this.ticker = ticker;
    this.restoreLogs = restoreLogs;
  }

  /** Puts {@code live} on the screen, or nothing when it is null. */
  static LiveScreen start(Progress.Live live, PrintStream err) {
    if (live == null) {
      return new LiveScreen(null, err, null, () -> {});
    }
    Runnable restore = routeLogs(live::log);
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("sleigh-live-lines").unstarted(r));
    ticker.scheduleAtFixedRate(live::refresh, 1, 1, TimeUnit.SECONDS);
    return new LiveScreen(live, err, ticker, restore);
  }

  /** A line for the operator: above the block while there is one. */
  void say(String line) {
    if (live == null) {
      err.println(line);
    } else {
      live.log(line);
    }
  }

  /** Takes the block off the screen and gives the log its stream back. */
  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    if (live != null) {
      live.close();
    }
    restoreLogs.run();
  }

  /**
   * Sends every line the root logger's stream appenders would print to {@code to} instead, laid out
   * by their own encoder (secrets redacted alike); returns what puts them back.
   */
  static Runnable routeLogs(Consumer<String> to) {
    if (!(LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof Logger root)) {
      return () -> {};
    }
    List<Appender<ILoggingEvent>> streams = new ArrayList<>();
    root.iteratorForAppenders()
        .forEachRemaining(
            a -> {
              if (a instanceof OutputStreamAppender<ILoggingEvent>) {
                streams.add(a);
              }
            });
    if (streams.isEmpty()) {
      return () -> {};
    }
    Encoder<ILoggingEvent> encoder =
        ((OutputStreamAppender<ILoggingEvent>) streams.getFirst()).getEncoder();
    AppenderBase<ILoggingEvent> above =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent event) {
            String text = new String(encoder.encode(event), StandardCharsets.UTF_8);
            to.accept(text.stripTrailing());
          }
        };
    above.setContext(root.getLoggerContext());
    above.setName("sleigh-live-lines");
    above.start();
    root.addAppender(above);
    streams.forEach(root::detachAppender);
    return () -> {
      streams.forEach(root::addAppender);
      root.detachAppender(above);
      above.stop();
    };
  }
}
