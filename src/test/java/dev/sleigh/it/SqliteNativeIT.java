package dev.sleigh.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.it.SleighProject.Tuning;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Commands started together on one store share one unpacked copy of the SQLite driver's library in
 * the user's cache: none of them races another over its files, prints the driver's stack trace, or
 * leaves a copy in the temporary directory.
 */
class SqliteNativeIT extends ProjectTest {
  private static final int TOGETHER = 4;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void commandsStartedTogetherShareOneCopyOfTheLibraryAndPrintNoError() throws Exception {
    project.configure("true\n", Tuning.standard());
    Path temp = Files.createDirectories(tmp.resolve("java-tmp"));
    Path cache = tmp.resolve("user-cache");

    List<SleighProcess> commands = new ArrayList<>();
    for (int n = 1; n <= TOGETHER; n++) {
      commands.add(
          project.command(
              "status-" + n,
              List.of("-Djava.io.tmpdir=" + temp),
              Map.of("XDG_CACHE_HOME", cache.toString()),
              "status",
              "--json"));
    }
    for (SleighProcess command : commands) {
      assertThat(command.awaitExit(Duration.ofMinutes(2))).as(command.log()).isZero();
      assertThat(command.lines())
          .as(command.name())
          .noneMatch(line -> line.contains("ERROR") || line.contains("Exception"));
    }

    try (Stream<Path> left = Files.list(temp)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.startsWith("sqlite-"));
    }
    try (Stream<Path> unpacked = Files.walk(cache)) {
      assertThat(unpacked.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .containsExactly("libsqlitejdbc.so");
    }
  }
}
