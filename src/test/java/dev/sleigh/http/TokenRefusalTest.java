package dev.sleigh.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} refuses at start, with exit 2 and a message naming the option, a token shorter than
 * 32 characters from wherever it came, and secrets or TLS options it cannot use. Every command here
 * is refused, so none of them goes on to serve.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TokenRefusalTest {
  static final String SHORT = "s3cret-but-31-characters-long!!";

  @TempDir Path dir;

  @Test
  void aShortTokenIsRefusedAtStartNamingWhereItCameFrom() throws Exception {
    assertThat(SHORT).hasSize(31);
    Path file = TestCertificate.secretFile(dir.resolve("token"), SHORT + "\n");
    try (ServedStore served = new ServedStore(dir)) {
      ServedStore.CliResult fromFile =
          served.cli("serve", "--port", "0", "--token-file", file.toString());
      assertThat(fromFile.exit()).isEqualTo(2);
      assertThat(fromFile.err())
          .contains("--token-file " + file)
          .contains("31 characters; at least 32");

      ServedStore.CliResult fromEnv =
          served.cli(Map.of("SLEIGH_HTTP_TOKEN", SHORT), "serve", "--port", "0", "--json");
      assertThat(fromEnv.exit()).isEqualTo(2);
      assertThat(fromEnv.json().path("error").path("message").asText())
          .startsWith("$SLEIGH_HTTP_TOKEN: ")
          .contains("at least 32");

      ServedStore.CliResult fromArgv =
          served.cli(
              "serve", "--host", "127.0.0.1", "--allow-remote", "--port", "0", "--token", SHORT);
      assertThat(fromArgv.exit()).isEqualTo(2);
      assertThat(fromArgv.err())
          .contains("warning: --token puts the token on the command line")
          .contains("--token: the token has 31 characters");
    }
  }

  @Test
  void aTokenIsPrintableAsciiOfAtLeast32Characters() {
    assertThat(BearerToken.problem("x".repeat(32))).isNull();
    assertThat(BearerToken.problem("x".repeat(31))).contains("at least 32");
    assertThat(BearerToken.problem("x".repeat(31) + " ")).contains("printable ASCII");
    assertThat(BearerToken.problem("x".repeat(31) + "é")).contains("printable ASCII");
    assertThat(BearerToken.problem("")).contains("empty");
    assertThatThrownBy(() -> new BearerToken("short", "--somewhere"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--somewhere: the token has 5 characters");
  }

  @Test
  void contradictoryOrIncompleteOptionsAreRefusedBeforeAnySecretIsRead() throws Exception {
    try (ServedStore served = new ServedStore(dir)) {
      assertThat(
              served
                  .cli("serve", "--port", "0", "--token", "a".repeat(40), "--token-file", "f")
                  .err())
          .contains("give the token one way only");
      assertThat(served.cli("serve", "--port", "0", "--tls-cert", "c.pem").err())
          .contains("--tls-cert and --tls-key go together");
      assertThat(
              served.cli("serve", "--port", "0", "--tls-keystore", "k.p12", "--tls-key", "k").err())
          .contains("choose one of them");
      assertThat(
              served
                  .cli("serve", "--port", "0", "--insecure-http", "--tls-keystore", "k.p12")
                  .err())
          .contains("--insecure-http and TLS options");
      ServedStore.CliResult nowhere =
          served.cli(
              "serve", "--port", "0", "--token-file", dir.resolve("no-dir/token").toString());
      assertThat(nowhere.exit()).isEqualTo(2);
      assertThat(nowhere.err()).contains("--token-file").contains("cannot create it");
    }
  }

  @Test
  void aKeystoreNeedsItsRightPassword() throws Exception {
    TestCertificate cert = TestCertificate.generate(dir.resolve("tls"));
    Path wrong = TestCertificate.secretFile(dir.resolve("wrong"), "not-the-password\n");
    try (ServedStore served = new ServedStore(dir)) {
      String keystore = cert.keystore.toString();
      ServedStore.CliResult noPassword =
          served.cli("serve", "--port", "0", "--tls-keystore", keystore);
      assertThat(noPassword.exit()).isEqualTo(2);
      assertThat(noPassword.err())
          .contains("--tls-keystore-password-file FILE")
          .contains("$SLEIGH_TLS_KEYSTORE_PASSWORD");

      ServedStore.CliResult badPassword =
          served.cli(
              "serve",
              "--port",
              "0",
              "--tls-keystore",
              keystore,
              "--tls-keystore-password-file",
              wrong.toString());
      assertThat(badPassword.exit()).isEqualTo(2);
      assertThat(badPassword.err()).contains("--tls-keystore " + keystore).contains("password");

      ServedStore.CliResult badFromEnv =
          served.cli(
              Map.of("SLEIGH_TLS_KEYSTORE_PASSWORD", "nope"),
              "serve",
              "--port",
              "0",
              "--tls-keystore",
              keystore);
      assertThat(badFromEnv.exit()).isEqualTo(2);
      assertThat(badFromEnv.err()).contains("cannot open it");
    }
  }
}
