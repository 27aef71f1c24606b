package dev.sleigh.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sleigh.testkit.InProcessSleigh;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sleigh serve} as a real process: it prints its address and a fresh token, serves, takes
 * that token for approve, and stops cleanly on SIGTERM; bound to a non-loopback address with TLS it
 * speaks only TLS, with the certificate it was given, and answers no read without the token.
 */
class ServeProcessIT {
  /** The content type of a TLS alert record, the first byte a TLS server sends to refuse. */
  static final byte TLS_ALERT = 21;

  @TempDir Path dir;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void servePrintsItsAddressAndTokenServesAndStopsOnSigterm() throws Exception {
    Process process = serve(Map.of(), "--port", "0", "--json");
    try {
      JsonNode serving =
          CompletableFuture.supplyAsync(() -> firstDocument(process)).get(60, TimeUnit.SECONDS);
      URI url = URI.create(serving.path("url").asText());
      String token = serving.path("token").asText();
      assertThat(url.getHost()).isEqualTo("127.0.0.1");
      assertThat(token).hasSize(64).matches("[0-9a-f]+");

      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> state =
          http.send(
              HttpRequest.newBuilder(url.resolve("/api/v1/state"))
                  .timeout(Duration.ofSeconds(20))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(state.statusCode()).isEqualTo(200);
      assertThat(new ObjectMapper().readTree(state.body()).has("in_flight")).isTrue();
      HttpResponse<String> approve =
          http.send(
              HttpRequest.newBuilder(url.resolve("/api/v1/commissions/wc-x/approve"))
                  .header("Authorization", "Bearer " + token)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .timeout(Duration.ofSeconds(20))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(approve.statusCode())
          .as("the printed token is accepted; the commission does not exist")
          .isEqualTo(404);

      process.destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
      assertThat(process.exitValue()).isZero();
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void remoteServeOverTlsAnswersOnlyWithTheTokenAndOnlyInTls() throws Exception {
    String host = nonLoopbackAddress().orElse("0.0.0.0");
    TestCertificate cert =
        TestCertificate.generate(
            dir.resolve("tls"), host.equals("0.0.0.0") ? new String[0] : new String[] {host});
    String token = "remote-" + "0123456789abcdef".repeat(4);
    Path tokenFile = TestCertificate.secretFile(dir.resolve("token"), token + "\n");
    Process process =
        serve(
            Map.of("SLEIGH_TLS_KEYSTORE_PASSWORD", cert.password),
            "--host",
            host,
            "--port",
            "0",
            "--allow-remote",
            "--tls-keystore",
            cert.keystore.toString(),
            "--token-file",
            tokenFile.toString(),
            "--json");
    try {
      JsonNode serving =
          CompletableFuture.supplyAsync(() -> firstDocument(process)).get(90, TimeUnit.SECONDS);
      assertThat(serving.path("token").isNull()).as("a given token is not printed").isTrue();
      assertThat(serving.path("token_source").asText()).isEqualTo("--token-file " + tokenFile);
      assertThat(serving.path("every_request_needs_token").asBoolean()).isTrue();
      assertThat(process.info().arguments().map(List::of).orElse(List.of()))
          .noneMatch(argument -> argument.contains(token));
      URI printed = URI.create(serving.path("url").asText());
      assertThat(printed.getScheme()).isEqualTo("https");
      assertThat(printed.getHost()).isEqualTo(host);
      URI url =
          URI.create(
              "https://"
                  + (host.equals("0.0.0.0") ? "127.0.0.1" : host)
                  + ":"
                  + printed.getPort()
                  + "/");

      HttpClient tls =
          HttpClient.newBuilder()
              .sslContext(cert.trustingOnlyThis())
              .connectTimeout(Duration.ofSeconds(10))
              .build();
      for (String read : List.of("/api/v1/state", "/api/v1/commissions", "/metrics")) {
        HttpResponse<String> without = get(tls, url.resolve(read), null);
        assertThat(without.statusCode()).as(read + " without the token").isEqualTo(401);
        assertThat(without.sslSession().orElseThrow().getPeerCertificates()[0])
            .isEqualTo(cert.certificate);
        assertThat(get(tls, url.resolve(read), token).statusCode())
            .as(read + " with the token")
            .isEqualTo(200);
      }
      byte[] plain = plainHttpAnswer(url);
      assertThat(plain.length == 0 || plain[0] == TLS_ALERT)
          .as(
              "plain HTTP to the TLS port is answered by a TLS alert or nothing, not HTTP: "
                  + new String(plain, StandardCharsets.ISO_8859_1))
          .isTrue();

      process.destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
      assertThat(process.exitValue()).isZero();
      assertThat(Files.readString(dir.resolve("serve.err")))
          .doesNotContain(token)
          .contains("TLS as CN=sleigh test");
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  /** Starts {@code sleigh serve ARGS} on the store of {@link #dir}, which it first creates. */
  private Process serve(Map<String, String> variables, String... args) throws Exception {
    var created =
        InProcessSleigh.run(
            new String[] {"decision", "add", "--id", "dec-serve", "--title", "Serve"},
            dir,
            InstantSource.system(),
            new SplittableRandom(3),
            Map.of());
    assertThat(created.exit()).as(created.err()).isZero();
    String java = ProcessHandle.current().info().command().orElseThrow();
    List<String> argv = new ArrayList<>();
    argv.addAll(
        List.of(
            java,
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.sleigh.Main",
            "serve"));
    argv.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(argv)
            .directory(dir.toFile())
            .redirectError(dir.resolve("serve.err").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().remove("SLEIGH_HTTP_TOKEN");
    builder.environment().putAll(variables);
    return builder.start();
  }

  private static HttpResponse<String> get(HttpClient http, URI uri, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** What the TLS port says to a plain HTTP request: everything until it closes the connection. */
  private static byte[] plainHttpAnswer(URI url) throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 10_000);
      socket.setSoTimeout(30_000);
      socket
          .getOutputStream()
          .write(
              ("GET /api/v1/state HTTP/1.1\r\nHost: "
                      + url.getHost()
                      + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      try {
        return socket.getInputStream().readAllBytes();
      } catch (SocketException reset) {
        return new byte[0];
      }
    }
  }

  /** An IPv4 address of this machine other than loopback, if it has one that is up. */
  private static Optional<String> nonLoopbackAddress() throws SocketException {
    return NetworkInterface.networkInterfaces()
        .filter(ServeProcessIT::up)
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
        .map(InetAddress::getHostAddress)
        .findFirst();
  }

  private static boolean up(NetworkInterface nic) {
    try {
      return nic.isUp() && !nic.isLoopback();
    } catch (SocketException e) {
      return false;
    }
  }

  /** Reads stdout up to the end of the first JSON document (its closing brace at column 0). */
  private static JsonNode firstDocument(Process process) {
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder text = new StringBuilder();
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        text.append(line).append('\n');
        if (line.equals("}")) {
          return new ObjectMapper().readTree(text.toString());
        }
      }
      throw new AssertionError("serve ended before it printed its address: " + text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
