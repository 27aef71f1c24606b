package dev.sleigh.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server listens on loopback; anything else needs --allow-remote, and TLS or an explicit
 * --insecure-http.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BindRefusalTest {
  @TempDir Path dir;

  @Test
  void serveRefusesANonLoopbackHostWithExitTwoAndSaysWhy() throws Exception {
    try (ServedStore served = new ServedStore(dir)) {
      ServedStore.CliResult any = served.cli("serve", "--host", "0.0.0.0", "--port", "0");
      assertThat(any.exit()).isEqualTo(2);
      assertThat(any.err()).contains("not a loopback address").contains("--allow-remote");

      ServedStore.CliResult noTls =
          served.cli("serve", "--host", "192.0.2.1", "--port", "0", "--allow-remote");
      assertThat(noTls.exit()).isEqualTo(2);
      assertThat(noTls.err())
          .contains("needs TLS")
          .contains("--tls-keystore FILE")
          .contains("--tls-cert FILE --tls-key FILE")
          .contains("--insecure-http");

      ServedStore.CliResult noAllow =
          served.cli("serve", "--host", "192.0.2.1", "--port", "0", "--insecure-http", "--json");
      assertThat(noAllow.exit()).isEqualTo(2);
      assertThat(noAllow.json().path("error").path("code").asText()).isEqualTo("invalid");
      assertThat(noAllow.json().path("error").path("message").asText())
          .contains("not a loopback address");
    }
  }

  @Test
  void theServerItselfRefusesANonLoopbackAddressUnlessRemoteIsAllowed() throws Exception {
    try (ServedStore served = new ServedStore(dir)) {
      BearerToken token = new BearerToken(ServedStore.TOKEN, "test");
      ServerSettings notAllowed =
          new ServerSettings(
              "0.0.0.0", 0, false, token, new Transport.InsecureHttp(), ServedStore.LEASE_TTL);
      assertThatThrownBy(
              () ->
                  StatusServer.start(
                      served.store, served.clock, new SplittableRandom(1), notAllowed))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a loopback address");
      ServerSettings plain =
          new ServerSettings(
              "0.0.0.0", 0, true, token, new Transport.Http(), ServedStore.LEASE_TTL);
      assertThatThrownBy(
              () -> StatusServer.start(served.store, served.clock, new SplittableRandom(1), plain))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("needs TLS");
    }
    Transport insecure = new Transport.InsecureHttp();
    assertThat(BindAddress.resolve("192.0.2.1", 0, true, insecure).getAddress().getHostAddress())
        .isEqualTo("192.0.2.1");
    Transport http = new Transport.Http();
    assertThat(BindAddress.resolve("localhost", 0, false, http).getAddress().isLoopbackAddress())
        .isTrue();
    assertThat(BindAddress.resolve("::1", 0, false, http).getAddress().isLoopbackAddress())
        .isTrue();
  }

  @Test
  void aLoopbackServerAnswersOnlyRequestsAddressedToALoopbackName() throws Exception {
    try (ServedStore served = new ServedStore(dir)) {
      assertThat(statusLine(served.server.port(), "evil.example")).contains(" 421 ");
      assertThat(statusLine(served.server.port(), "127.0.0.1:" + served.server.port()))
          .contains(" 200 ");
      assertThat(statusLine(served.server.port(), "localhost:" + served.server.port()))
          .contains(" 200 ");
    }
  }

  @Test
  void aGeneratedTokenIs64HexDigits() {
    String token = BearerToken.generate(new SplittableRandom(3));
    assertThat(token).hasSize(64).matches("[0-9a-f]+");
    assertThat(BearerToken.problem(token)).isNull();
    assertThat(BearerToken.generate(new SplittableRandom(4))).isNotEqualTo(token);
  }

  private static String statusLine(int port, String host) throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /api/v1/state HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
    }
  }
}
