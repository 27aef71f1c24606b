package dev.sleigh.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SqliteNativeTest {
  @TempDir Path cache;

  @Test
  void theLibraryIsUnpackedOnceAndAnExistingCopyIsKept() throws Exception {
    Path lib = SqliteNative.unpack(cache).orElseThrow();
    assertThat(lib).isRegularFile().startsWith(cache);
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(lib, old);

    assertThat(SqliteNative.unpack(cache)).contains(lib);
    assertThat(Files.getLastModifiedTime(lib)).isEqualTo(old);
  }

  @Test
  void aTruncatedCopyIsReplacedWhole() throws Exception {
    Path lib = SqliteNative.unpack(cache).orElseThrow();
    long size = Files.size(lib);
    Files.write(lib, new byte[10]);

    assertThat(SqliteNative.unpack(cache)).contains(lib);
    assertThat(Files.size(lib)).isEqualTo(size);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void unpackersAtTheSameTimeLeaveOneWholeCopyAndNoPartialFiles() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Path>> unpackers =
          IntStream.range(0, 8)
              .<Callable<Path>>mapToObj(i -> () -> SqliteNative.unpack(cache).orElseThrow())
              .toList();
      for (Future<Path> f : pool.invokeAll(unpackers)) {
        assertThat(f.get()).isRegularFile();
      }
    } finally {
      pool.shutdownNow();
    }
    try (Stream<Path> files = Files.walk(cache)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .containsExactly("libsqlitejdbc.so");
    }
  }

  @Test
  void anUnwritableCacheLeavesTheDriverToItself() throws Exception {
    Path file = Files.writeString(cache.resolve("a-file"), "not a directory");

    assertThat(SqliteNative.unpack(file.resolve("cache"))).isEmpty();
  }
}
