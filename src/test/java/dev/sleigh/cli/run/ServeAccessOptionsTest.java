package dev.sleigh.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.CliFailure;
import dev.sleigh.cli.common.Output;
import dev.sleigh.domain.Secrets;
import dev.sleigh.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code serve}'s token comes from: a token file (written fresh, for its owner only, when it
 * does not exist yet), the environment, or a generated one that is shown because nobody else knows
 * it. A token that came from somewhere is never shown.
 */
class ServeAccessOptionsTest {
  static final String TOKEN = "env-token-0123456789abcdef-0123456789abcdef";

  @TempDir Path dir;
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void aTokenFileThatDoesNotExistGetsAFreshTokenOnlyItsOwnerMayRead() throws Exception {
    ServeAccessOptions options = new ServeAccessOptions();
    options.tokenFile = Path.of("token");
    ServeAccessOptions.Token first = options.token(env(Map.of()), output());
    Path file = dir.resolve("token");
    assertThat(Files.readString(file)).isEqualTo(first.value() + "\n");
    assertThat(first.value()).hasSize(64).matches("[0-9a-f]+");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(first.generated()).as("written, not shown").isFalse();
    assertThat(first.source()).isEqualTo("--token-file " + file);
    assertThat(err()).contains("wrote a fresh token to " + file).doesNotContain(first.value());

    ServeAccessOptions.Token again = options.token(env(Map.of()), output());
    assertThat(again.value()).as("the next start reads the same file").isEqualTo(first.value());
  }

  @Test
  void aTokenFileOthersMayReadIsUsedWithAWarning() throws Exception {
    Path file = dir.resolve("shared-token");
    Files.writeString(file, "  " + TOKEN + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    ServeAccessOptions options = new ServeAccessOptions();
    options.tokenFile = file;
    assertThat(options.token(env(Map.of()), output()).value()).isEqualTo(TOKEN);
    assertThat(err()).contains("can be read by other users").contains("chmod 600");
  }

  @Test
  void theEnvironmentGivesTheTokenWhenNoOptionDoes() {
    ServeAccessOptions.Token token =
        new ServeAccessOptions()
            .token(env(Map.of(ServeAccessOptions.TOKEN_VARIABLE, TOKEN + "\n")), output());
    assertThat(token.value()).isEqualTo(TOKEN);
    assertThat(token.source()).isEqualTo("$SLEIGH_HTTP_TOKEN");
    assertThat(token.generated()).isFalse();
  }

  @Test
  void aTokenFileThatCannotBeReadIsAUsageErrorNamingTheFile() throws Exception {
    Path notAFile = Files.createDirectories(dir.resolve("token-dir"));
    ServeAccessOptions options = new ServeAccessOptions();
    options.tokenFile = notAFile;
    assertThatThrownBy(() -> options.token(env(Map.of()), output()))
        .isInstanceOf(CliFailure.class)
        .hasMessageStartingWith("invalid: --token-file " + notAFile + ": cannot read it");
  }

  @Test
  void aTokenFromAFileOrTheEnvironmentIsHiddenWhereverSleighWritesIt() throws Exception {
    String fromFile = "file-token-0123456789abcdef-0123456789abcdef";
    Files.writeString(dir.resolve("t"), fromFile + "\n");
    ServeAccessOptions options = new ServeAccessOptions();
    options.tokenFile = Path.of("t");
    assertThat(options.token(env(Map.of()), output()).value()).isEqualTo(fromFile);
    new ServeAccessOptions().token(env(Map.of(ServeAccessOptions.TOKEN_VARIABLE, TOKEN)), output());

    assertThat(Secrets.redact("a " + fromFile + " b " + TOKEN)).isEqualTo("a *** b ***");
  }

  @Test
  void withoutAnySourceAFreshTokenIsGeneratedAndShown() {
    ServeAccessOptions.Token token = new ServeAccessOptions().token(env(Map.of()), output());
    assertThat(token.generated()).isTrue();
    assertThat(token.value()).hasSize(64).matches("[0-9a-f]+");
    assertThat(new ServeAccessOptions().token(env(Map.of()), output()).value())
        .isNotEqualTo(token.value());
  }

  private CliEnvironment env(Map<String, String> variables) {
    return new CliEnvironment(
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        MutableClock.at("2026-03-01T10:00:00Z"),
        new SplittableRandom(1),
        variables,
        dir);
  }

  private Output output() {
    return new Output(env(Map.of()), false);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
