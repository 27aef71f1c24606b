package dev.sleigh.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate made for one test by the running JDK's {@code keytool}, as a PKCS#12
 * keystore, with the addresses it is valid for. It can write itself as PEM files and build a client
 * context that trusts it and nothing else.
 */
final class TestCertificate {
  static final String ALIAS = "sleigh-test";

  final Path keystore;
  final String password;
  final X509Certificate certificate;
  final PrivateKey key;

  private TestCertificate(Path keystore, String password, X509Certificate cert, PrivateKey key) {
    this.keystore = keystore;
    this.password = password;
    this.certificate = cert;
    this.key = key;
  }

  /** An EC key and a certificate for 127.0.0.1, localhost and {@code addresses}, in {@code dir}. */
  static TestCertificate generate(Path dir, String... addresses) throws Exception {
    Files.createDirectories(dir);
    Path keystore = dir.resolve("server.p12");
    String password = "changeit-" + System.nanoTime();
    List<String> names = new ArrayList<>(List.of("ip:127.0.0.1", "dns:localhost"));
    for (String address : addresses) {
      names.add("ip:" + address);
    }
    keytool(
        dir,
        "-genkeypair",
        "-alias",
        ALIAS,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=sleigh test",
        "-ext",
        "SAN=" + String.join(",", names),
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        password,
        "-keypass",
        password);
    KeyStore keys = KeyStore.getInstance(keystore.toFile(), password.toCharArray());
    return new TestCertificate(
        keystore,
        password,
        (X509Certificate) keys.getCertificate(ALIAS),
        (PrivateKey) keys.getKey(ALIAS, password.toCharArray()));
  }

  private static void keytool(Path dir, String... args) throws Exception {
    List<String> argv = new ArrayList<>();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    argv.addAll(List.of(args));
    Path log = dir.resolve("keytool.log");
    Process process =
        new ProcessBuilder(argv)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + Files.readString(log));
      }
    } finally {
      process.destroyForcibly();
    }
  }

  /** The certificate as PEM in {@code certFile}, the key as unencrypted PKCS#8 PEM in keyFile. */
  void writePem(Path certFile, Path keyFile) throws Exception {
    Files.writeString(certFile, pem("CERTIFICATE", certificate.getEncoded()));
    Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
  }

  static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  /** A client context whose only trusted certificate is this one. */
  SSLContext trustingOnlyThis() throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry(ALIAS, certificate);
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  /** Base64 of the SHA-256 of the public key, as Chromium's certificate pinning flags take it. */
  String publicKeyPin() throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
    return Base64.getEncoder().encodeToString(digest);
  }

  /** A file holding {@code text} that only its owner may read, as secrets should be. */
  static Path secretFile(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }
}
