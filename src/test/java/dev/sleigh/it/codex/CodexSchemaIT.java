package dev.sleigh.it.codex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.agent.codex.SchemaFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The copy of the codex schema the unit tests check messages against is the schema of the codex
 * that is installed: a codex upgrade that changes a message Sleigh uses fails here.
 */
class CodexSchemaIT {
  @TempDir Path dir;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void theCommittedSchemaCopyMatchesTheInstalledCodex() throws Exception {
    Path codex = CodexInstall.codex();
    Path out = dir.resolve("schema");
    var generated =
        CodexInstall.run(
            List.of(
                codex.toString(), "app-server", "generate-json-schema", "--out", out.toString()),
            dir,
            2);
    assertThat(generated.ok()).as(generated.output()).isTrue();
    String version = CodexInstall.version(codex);
    for (String name : SchemaFiles.COPIED) {
      assertThat(read(out.resolve(name)))
          .as(name + " of " + version)
          .isEqualTo(SchemaFiles.load(name));
    }
    SchemaFiles.SUBSETS.forEach(
        (full, methods) ->
            assertThat(SchemaFiles.subset(read(out.resolve(full)), methods))
                .as(SchemaFiles.subsetName(full) + " of " + version)
                .isEqualTo(SchemaFiles.load(SchemaFiles.subsetName(full))));
  }

  private static JsonNode read(Path file) {
    try {
      return SchemaFiles.JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
