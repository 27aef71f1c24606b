package dev.sleigh.cli.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sleigh.domain.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorePasswordsTest {
  @TempDir Path dir;

  @Test
  void aPasswordFileIsReadIntoTheUrlInMemoryAndIsASecretFromThen() throws Exception {
    Path file = Files.writeString(dir.resolve("pw"), "p&w=file-pw-6627\n");

    String url = StorePasswords.withPasswordFrom("jdbc:postgresql://db/sleigh?user=s", file);

    assertThat(url).isEqualTo("jdbc:postgresql://db/sleigh?user=s&password=p%26w%3Dfile-pw-6627");
    assertThat(Secrets.redact("p&w=file-pw-6627")).isEqualTo("***");
  }

  @Test
  void aPasswordWrittenInTheUrlIsASecret() {
    StorePasswords.registerIn("jdbc:postgresql://db/sleigh?user=s&password=url-pw-6627&ssl=true");
    StorePasswords.registerIn("postgresql://s:userinfo-pw-6627@db/sleigh");

    assertThat(Secrets.redact("url-pw-6627 userinfo-pw-6627")).isEqualTo("*** ***");
  }

  @Test
  void aStoreWithoutPasswordsAnEmptyFileAndAMissingOneAreRefusedNamingTheOption() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), "\n");

    assertThatThrownBy(() -> StorePasswords.withPasswordFrom("jdbc:sqlite:/tmp/s.db", empty))
        .hasMessageContaining("--store-password-file")
        .hasMessageContaining("not PostgreSQL");
    assertThatThrownBy(() -> StorePasswords.withPasswordFrom("jdbc:postgresql://db/s", empty))
        .hasMessageContaining("--store-password-file")
        .hasMessageContaining("empty");
    assertThatThrownBy(
            () -> StorePasswords.withPasswordFrom("jdbc:postgresql://db/s", dir.resolve("nope")))
        .hasMessageContaining("--store-password-file")
        .hasMessageContaining("nope");
  }
}
