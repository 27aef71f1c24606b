package dev.sleigh.config;

import dev.sleigh.domain.ByteSizes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a file Sleigh is given to parse (a commission file, {@code sleigh.md}): refused before
 * anything is parsed when it is not a regular file, is larger than the limit, or is not UTF-8, so a
 * huge or binary file costs a stat and an error, never minutes of parsing.
 */
final class TextFiles {
  /** The largest file parsed unless {@code --max-file-size} says otherwise. */
  static final long DEFAULT_LIMIT = 1_000_000L;

  /** Builds the exception a problem with the whole file becomes. */
  @FunctionalInterface
  interface Problem {
    RuntimeException of(String message);
  }

  private TextFiles() {}

  /** The text of {@code file}; a missing file is a {@link NoSuchFileException}. */
  static String read(Path file, long limit, Problem problem) throws NoSuchFileException {
    if (Files.isDirectory(file)) {
      throw problem.of("is a directory, not a file");
    }
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > limit) {
        throw problem.of(
            "is "
                + ByteSizes.format(size)
                + ", larger than the "
                + ByteSizes.format(limit)
                + " Sleigh reads (--max-file-size)");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      throw problem.of("cannot be read: " + e.getMessage());
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw problem.of("is not UTF-8 text; save it as UTF-8");
    }
  }
}
