package dev.sleigh.http;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.Phase;
import dev.sleigh.view.CommissionDetailView.LogTailView;
import dev.sleigh.view.ResultView.ChangesView;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The logs a runner keeps under {@code <logDir>/<commission>/}, named {@code <phase>-<attempt>.log}
 * or {@code <phase>-<attempt>-<name>.log}: the last {@link #TAIL_BYTES} bytes of each, oldest file
 * first. Knows no change; pair it with a source of changes where one is at hand.
 */
public final class LogDirectory implements CommissionFiles {
  static final int TAIL_BYTES = 4096;
  private static final Pattern NAME = Pattern.compile("([a-z_]+)-(\\d+)(?:-.*)?\\.log");

  private final Path logDir;

  public LogDirectory(Path logDir) {
    this.logDir = logDir;
  }

  @Override
  public Optional<ChangesView> changes(CommissionRecord commission) {
    return Optional.empty();
  }

  @Override
  public List<LogTailView> logTails(CommissionRecord commission) {
    Path dir = logDir.resolve(commission.id()).normalize();
    if (!dir.startsWith(logDir.normalize()) || !Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".log") && Files.isRegularFile(f))
          .sorted(Comparator.comparing(LogDirectory::modified).thenComparing(Path::getFileName))
          .map(LogDirectory::tail)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the logs in " + dir, e);
    }
  }

  private static LogTailView tail(Path file) {
    String name = file.getFileName().toString();
    Matcher m = NAME.matcher(name);
    boolean named = m.matches() && Phase.fromWire(m.group(1)).isPresent();
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long from = Math.max(0, in.length() - TAIL_BYTES);
      byte[] bytes = new byte[(int) (in.length() - from)];
      in.seek(from);
      in.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      String tail =
          from > 0 && text.indexOf('\n') >= 0 ? text.substring(text.indexOf('\n') + 1) : text;
      return new LogTailView(
          name, named ? m.group(1) : null, named ? Integer.valueOf(m.group(2)) : null, tail);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the time of " + file, e);
    }
  }
}
