package dev.sleigh.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secrets are process-wide: every test registers values of its own, unlike any other's. */
class SecretsTest {
  @Test
  void aRegisteredSecretIsHiddenAsWrittenAndAsJsonEscapesIt() {
    Secrets.register("pw-\"quoted\"-7781");
    Secrets.register("plain-secret-7781");

    assertThat(Secrets.redact("a plain-secret-7781 b plain-secret-7781")).isEqualTo("a *** b ***");
    assertThat(Secrets.redact("{\"out\":\"pw-\\\"quoted\\\"-7781\"}"))
        .isEqualTo("{\"out\":\"***\"}");
    assertThat(Secrets.redact("pw-\"quoted\"-7781")).isEqualTo("***");
  }

  @Test
  void theLongestSecretIsHiddenFirstSoNoPartOfItShows() {
    Secrets.register("long-4412");
    Secrets.register("long-4412-and-more");

    assertThat(Secrets.redact("x long-4412-and-more y")).isEqualTo("x *** y");
  }

  @Test
  void blankAndVeryShortValuesAreNotSecretsTheyWouldHideTooMuch() {
    Secrets.register("ab");
    Secrets.register("     ");
    Secrets.register(null);

    assertThat(Secrets.redact("ab cd ab")).isEqualTo("ab cd ab");
  }

  @Test
  void variablesNamedLikeSecretsAreRememberedOthersAreNot() {
    Secrets.registerLikely(
        Map.of(
            "SERVICE_API_KEY", "api-key-value-9931",
            "PGPASSWORD", "pg-pass-9931",
            "DEPLOY_TOKEN", "token-value-9931",
            "KEYBOARD_LAYOUT", "layout-9931",
            "EDITOR", "editor-9931"));

    assertThat(Secrets.redact("api-key-value-9931 token-value-9931")).isEqualTo("*** ***");
    assertThat(Secrets.redact("layout-9931 editor-9931")).isEqualTo("layout-9931 editor-9931");
  }
}
