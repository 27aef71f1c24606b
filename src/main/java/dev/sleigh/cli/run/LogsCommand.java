package dev.sleigh.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.CliFailure;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.RunSetup;
import dev.sleigh.cli.common.Verb;
import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.lifecycle.StoreError;
import dev.sleigh.runtime.JsonLinesLog;
import dev.sleigh.store.jdbc.Stores;
import dev.sleigh.view.ViewJson;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sleigh logs [ID] [--follow]}: the JSON Lines runtime log, older rotated files first. */
@Command(
    name = "logs",
    description = "Print the runtime log (all commissions, or one); --follow streams it.")
public final class LogsCommand extends Verb {
  static final Duration FOLLOW_POLL = Duration.ofMillis(250);

  @Parameters(arity = "0..1", paramLabel = "ID", description = "Only this commission's records.")
  String id;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing new records until interrupted.")
  boolean follow;

  LogsCommand(CliEnvironment env) {
    super(env);
  }

  record LogView(List<JsonNode> records) {}

  @Override
  protected int execute() {
    Path home = options.home(env);
    if (!Files.isDirectory(home)) {
      throw new CliFailure(
          StoreError.of(
              ErrorCode.STORE_MISSING,
              "no sleigh home at " + home + ", so no runtime log; check --home and $SLEIGH_HOME"));
    }
    JsonLinesLog log =
        new JsonLinesLog(home.resolve("logs"), Long.MAX_VALUE, RunSetup.LOG_FILES_KEPT);
    List<String> lines = new ArrayList<>();
    for (int n = RunSetup.LOG_FILES_KEPT; n >= 0; n--) {
      lines.addAll(readable(log.rotated(n)));
    }
    List<String> mine = lines.stream().filter(this::wanted).toList();
    if (id != null && mine.isEmpty()) {
      requireKnown();
    }
    if (!follow) {
      output()
          .result(
              new LogView(mine.stream().map(LogsCommand::parse).toList()),
              out -> mine.forEach(l -> out.println(text(l))));
      return ExitCodes.OK;
    }
    mine.forEach(this::print);
    tail(log.file());
    return ExitCodes.OK;
  }

  /** An id the log does not name must at least be a commission of the store: else exit 3. */
  private void requireKnown() {
    try (var store = Stores.open(options.storeUrl(env), env.clock(), env.random())) {
      if (store.find(id).isEmpty()) {
        throw CliFailure.notFound("no commission '" + id + "'");
      }
    }
  }

  private void tail(Path file) {
    long position = size(file);
    try {
      while (!Thread.currentThread().isInterrupted()) {
        long size = size(file);
        if (size < position) {
          position = 0;
        }
        if (size > position) {
          position = printFrom(file, position);
        }
        Thread.sleep(FOLLOW_POLL);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private long printFrom(Path file, long position) {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      in.seek(position);
      byte[] bytes = new byte[(int) (in.length() - position)];
      in.readFully(bytes);
      String chunk = new String(bytes, StandardCharsets.UTF_8);
      int complete = chunk.lastIndexOf('\n') + 1;
      chunk
          .substring(0, complete)
          .lines()
          .filter(l -> tryParse(l).isPresent())
          .filter(this::wanted)
          .forEach(this::print);
      return position + chunk.substring(0, complete).getBytes(StandardCharsets.UTF_8).length;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private void print(String line) {
    env.out().println(options.json() ? line : text(line));
    env.out().flush();
  }

  private boolean wanted(String line) {
    return id == null || id.equals(parse(line).path("commission").asText());
  }

  private static String text(String line) {
    JsonNode r = parse(line);
    String phase =
        r.path("phase").isNull() || r.path("phase").isMissingNode()
            ? ""
            : " " + r.path("phase").asText() + "#" + r.path("attempt").asText();
    // ts is when the runner wrote the record; records written before it existed have only at
    String when = r.hasNonNull("ts") ? r.path("ts").asText() : r.path("at").asText("");
    String level =
        r.hasNonNull("level") ? " " + String.format("%-5s", r.path("level").asText()) : "";
    return when
        + level
        + " "
        + r.path("commission").asText()
        + phase
        + " "
        + r.path("event").asText()
        + (r.path("data").isEmpty() ? "" : " " + r.path("data"));
  }

  /**
   * The records of {@code file}; a line that is not a JSON object (one torn by a writer that died
   * mid-line) is skipped and reported on stderr with its file and line number.
   */
  private List<String> readable(Path file) {
    List<String> records = new ArrayList<>();
    List<String> lines = read(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      if (tryParse(line).isPresent()) {
        records.add(line);
      } else {
        env.err()
            .println(
                "sleigh: skipped "
                    + file
                    + ":"
                    + (i + 1)
                    + ": not a whole record (a writer stopped in the middle of it)");
      }
    }
    return records;
  }

  private static Optional<JsonNode> tryParse(String line) {
    try {
      JsonNode node = ViewJson.mapper().readTree(line);
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static JsonNode parse(String line) {
    try {
      return ViewJson.mapper().readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException("the runtime log holds a line that is not JSON: " + line, e);
    }
  }

  private static List<String> read(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
