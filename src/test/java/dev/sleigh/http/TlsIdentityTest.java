package dev.sleigh.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sleigh.testkit.MutableClock;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's TLS identity from PEM files as well as from a keystore: it serves HTTPS with them,
 * and refuses, naming the file, a key that is not the certificate's or not in a form it reads.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsIdentityTest {
  @TempDir static Path tlsDir;
  static TestCertificate cert;

  @TempDir Path dir;

  /** One certificate for the class: keytool is a JVM of its own, slow on a loaded machine. */
  @BeforeAll
  static void makeCertificate() throws Exception {
    cert = TestCertificate.generate(tlsDir);
  }

  @Test
  void aPemCertificateAndKeyServeHttpsToAClientThatTrustsOnlyThem() throws Exception {
    Path certFile = dir.resolve("cert.pem");
    Path keyFile = dir.resolve("key.pem");
    cert.writePem(certFile, keyFile);
    Transport.Https tls = TlsIdentity.pem(certFile, keyFile);
    assertThat(tls.identity()).contains("CN=sleigh test").contains("valid until");
    ServerSettings settings =
        new ServerSettings(
            "127.0.0.1",
            0,
            false,
            new BearerToken(ServedStore.TOKEN, "test"),
            tls,
            ServedStore.LEASE_TTL);
    try (ServedStore served =
        new ServedStore(
            Files.createDirectories(dir.resolve("store")),
            MutableClock.at("2026-03-01T10:00:00Z"),
            settings,
            HttpClient.newBuilder().sslContext(cert.trustingOnlyThis()))) {
      assertThat(served.server.url().toString()).startsWith("https://127.0.0.1:");
      HttpResponse<String> state = served.get("/api/v1/state");
      assertThat(state.statusCode())
          .as("a loopback server over TLS keeps reads open")
          .isEqualTo(200);
      assertThat(state.sslSession().orElseThrow().getPeerCertificates()[0])
          .isEqualTo(cert.certificate);
    }
  }

  @Test
  void aKeyThatIsNotTheCertificatesIsRefused() throws Exception {
    TestCertificate other = TestCertificate.generate(dir.resolve("other"));
    Path certFile = dir.resolve("cert.pem");
    Path keyFile = dir.resolve("key.pem");
    cert.writePem(certFile, dir.resolve("unused.pem"));
    Files.writeString(keyFile, TestCertificate.pem("PRIVATE KEY", other.key.getEncoded()));
    assertThatThrownBy(() -> TlsIdentity.pem(certFile, keyFile))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(keyFile.toString())
        .hasMessageContaining("does not belong to the first certificate");
  }

  @Test
  void keysInFormsItDoesNotReadAreRefusedSayingWhichFormItReads() throws Exception {
    Path certFile = dir.resolve("cert.pem");
    cert.writePem(certFile, dir.resolve("key.pem"));
    Path pkcs1 = dir.resolve("rsa.pem");
    Files.writeString(pkcs1, TestCertificate.pem("RSA PRIVATE KEY", new byte[] {1, 2, 3}));
    assertThatThrownBy(() -> TlsIdentity.pem(certFile, pkcs1))
        .hasMessageContaining("RSA PRIVATE KEY")
        .hasMessageContaining("convert it to one")
        .hasMessageContaining("--tls-keystore");
    Path encrypted = dir.resolve("encrypted.pem");
    Files.writeString(
        encrypted, TestCertificate.pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}));
    assertThatThrownBy(() -> TlsIdentity.pem(certFile, encrypted))
        .hasMessageContaining("only unencrypted PKCS#8 keys");
    assertThatThrownBy(() -> TlsIdentity.pem(certFile, certFile))
        .hasMessageContaining("no '-----BEGIN PRIVATE KEY-----' block");
    assertThatThrownBy(() -> TlsIdentity.pem(dir.resolve("key.pem"), dir.resolve("key.pem")))
        .hasMessageContaining("not PEM certificates");
  }

  @Test
  void aKeystoreWithoutAPrivateKeyIsRefused() throws Exception {
    java.security.KeyStore trustOnly = java.security.KeyStore.getInstance("PKCS12");
    trustOnly.load(null, null);
    trustOnly.setCertificateEntry("ca", cert.certificate);
    Path file = dir.resolve("trust.p12");
    try (var out = Files.newOutputStream(file)) {
      trustOnly.store(out, "pw".toCharArray());
    }
    assertThatThrownBy(() -> TlsIdentity.keystore(file, "pw".toCharArray()))
        .hasMessageContaining("holds no private key");
  }
}
