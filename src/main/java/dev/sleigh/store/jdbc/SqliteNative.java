package dev.sleigh.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * The SQLite driver's native library, unpacked once per user and driver version into the user's
 * cache ({@code $XDG_CACHE_HOME/sleigh} or {@code ~/.cache/sleigh}) and loaded from there. Left to
 * itself the driver unpacks a copy per process into the temporary directory and sweeps the copies
 * of other processes as it starts: concurrent commands then race over each other's files (a long
 * stack trace on stderr), and every killed process leaves a megabyte behind. A copy is written
 * under a name of its own and moved into place, so a reader never sees it half written. Where no
 * cache can be written, the driver does as it always did.
 */
final class SqliteNative {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteNative.class);
  private static final String PATH = "org.sqlite.lib.path";
  private static final String NAME = "org.sqlite.lib.name";
  private static final ReentrantLock LOCK = new ReentrantLock();
  private static volatile boolean prepared;

  private SqliteNative() {}

  /** Points the driver at the unpacked library, unless someone already told it where to look. */
  static void prepare() {
    if (prepared) {
      return;
    }
    LOCK.lock();
    try {
      if (!prepared && System.getProperty(PATH) == null) {
        cacheDir()
            .flatMap(SqliteNative::unpack)
            .ifPresent(
                lib -> {
                  System.setProperty(PATH, lib.getParent().toString());
                  System.setProperty(NAME, lib.getFileName().toString());
                });
      }
      prepared = true;
    } finally {
      LOCK.unlock();
    }
  }

  /** The user's cache directory for Sleigh, when the environment names a home or a cache. */
  static Optional<Path> cacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Optional.of(Path.of(xdg, "sleigh"));
    }
    String home = System.getProperty("user.home");
    if (home == null || home.isBlank() || home.equals("?")) {
      return Optional.empty();
    }
    return Optional.of(Path.of(home, ".cache", "sleigh"));
  }

  /**
   * The driver's library for this machine unpacked under {@code cache}, written only when no
   * complete copy is there yet; empty when the driver ships none for it or the cache is not
   * writable.
   */
  static Optional<Path> unpack(Path cache) {
    String folder = OSInfo.getNativeLibFolderPathForCurrentOS();
    String file = System.mapLibraryName("sqlitejdbc");
    String resource = "/org/sqlite/native/" + folder + "/" + file;
    Path dir = cache.resolve("sqlite-" + SQLiteJDBCLoader.getVersion()).resolve(folder);
    Path lib = dir.resolve(file);
    URL url = SQLiteJDBCLoader.class.getResource(resource);
    if (url == null) {
      return Optional.empty();
    }
    try {
      // the entry's size comes from the jar's directory: a whole copy is found without inflating
      long size = url.openConnection().getContentLengthLong();
      if (size >= 0 && Files.isRegularFile(lib) && Files.size(lib) == size) {
        return Optional.of(lib);
      }
    } catch (IOException e) {
      // unknown size: the copy is checked against the bytes below
    }
    try (InputStream in = url.openStream()) {
      byte[] bytes = in.readAllBytes();
      if (Files.isRegularFile(lib) && Files.size(lib) == bytes.length) {
        return Optional.of(lib);
      }
      Files.createDirectories(dir);
      Path part = Files.createTempFile(dir, file, ".part");
      try {
        Files.write(part, bytes);
        move(part, lib);
      } finally {
        Files.deleteIfExists(part);
      }
      return Optional.of(lib);
    } catch (IOException | RuntimeException e) {
      LOG.debug("cannot unpack the SQLite library under {}: {}", cache, e.toString());
      return Optional.empty();
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
