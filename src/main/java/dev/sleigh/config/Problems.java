package dev.sleigh.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The problems found in one file so far: each part of it is read on its own, so that one mistake
 * does not hide the next and the operator learns of all of them in one try.
 */
final class Problems {
  private final List<LocatedFileException> found = new ArrayList<>();

  /** What {@code read} reads, or null when it found a problem, which is kept. */
  <T> T read(Supplier<T> read) {
    try {
      return read.get();
    } catch (LocatedFileException e) {
      add(e);
      return null;
    }
  }

  /** Runs {@code check}, keeping the problem it finds. */
  void check(Runnable check) {
    read(
        () -> {
          check.run();
          return null;
        });
  }

  /** Keeps every problem of {@code problem} not found already (two parts may share a key). */
  void add(LocatedFileException problem) {
    for (LocatedFileException p : problem.problems()) {
      if (found.stream().noneMatch(f -> f.getMessage().equals(p.getMessage()))) {
        found.add(p);
      }
    }
  }

  boolean any() {
    return !found.isEmpty();
  }

  /** Throws every problem found, if there is one. */
  void throwAny() {
    if (any()) {
      throw found.size() == 1 ? found.getFirst() : all(List.copyOf(found));
    }
  }

  /** All of {@code found} as one exception of the same kind as the first. */
  private static LocatedFileException all(List<LocatedFileException> found) {
    return switch (found.getFirst()) {
      case CommissionFileException c -> new CommissionFileException(found);
      case ConfigException c -> new ConfigException(found);
    };
  }
}
