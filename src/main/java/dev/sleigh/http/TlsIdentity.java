package dev.sleigh.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The server's TLS key and certificate chain, read with the JDK alone: from a PKCS#12 keystore (a
 * JKS one is read too) or from PEM files, a certificate chain and an unencrypted PKCS#8 key. Every
 * refusal is an {@link IllegalArgumentException} that names the file and says what to do.
 */
public final class TlsIdentity {
  private static final Pattern PEM_KEY =
      Pattern.compile("-----BEGIN ([A-Z ]*PRIVATE KEY)-----([^-]*)-----END \\1-----");
  private static final char[] IN_MEMORY = "in-memory".toCharArray();

  private TlsIdentity() {}

  /** The identity in the keystore {@code file}, opened with {@code password}. */
  public static Transport.Https keystore(Path file, char[] password) {
    KeyStore keys;
    try {
      keys = KeyStore.getInstance(file.toFile(), password);
    } catch (IOException e) {
      throw refused(file, "cannot open it: " + e.getMessage() + " (is the password right?)");
    } catch (GeneralSecurityException e) {
      throw refused(file, "not a PKCS#12 keystore: " + e.getMessage());
    }
    return https(keys, password, file);
  }

  /** The identity in the PEM files: {@code certificates} leaf first, and its {@code key}. */
  public static Transport.Https pem(Path certificates, Path key) {
    List<X509Certificate> chain = certificates(certificates);
    PrivateKey privateKey = privateKey(key, chain.getFirst());
    if (!matches(privateKey, chain.getFirst())) {
      throw refused(key, "this key does not belong to the first certificate in " + certificates);
    }
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("sleigh", privateKey, IN_MEMORY, chain.toArray(new Certificate[0]));
      return https(keys, IN_MEMORY, certificates);
    } catch (IOException | GeneralSecurityException e) {
      throw refused(key, "cannot use this key: " + e.getMessage());
    }
  }

  private static Transport.Https https(KeyStore keys, char[] password, Path file) {
    try {
      X509Certificate leaf = leaf(keys, file);
      KeyManagerFactory managers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      managers.init(keys, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(managers.getKeyManagers(), null, null);
      String identity =
          leaf.getSubjectX500Principal().getName()
              + ", valid until "
              + leaf.getNotAfter().toInstant();
      return new Transport.Https(context, identity);
    } catch (GeneralSecurityException e) {
      throw refused(file, "cannot use its key: " + e.getMessage());
    }
  }

  /** The certificate of the first key entry; a keystore of certificates alone serves nobody. */
  private static X509Certificate leaf(KeyStore keys, Path file) throws GeneralSecurityException {
    for (String alias : Collections.list(keys.aliases())) {
      if (keys.isKeyEntry(alias) && keys.getCertificate(alias) instanceof X509Certificate leaf) {
        return leaf;
      }
    }
    throw refused(file, "it holds no private key with an X.509 certificate");
  }

  private static List<X509Certificate> certificates(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      List<X509Certificate> chain =
          CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
              .map(X509Certificate.class::cast)
              .toList();
      if (chain.isEmpty()) {
        throw refused(file, "it holds no certificate");
      }
      return chain;
    } catch (IOException e) {
      throw refused(file, "cannot read it: " + e);
    } catch (GeneralSecurityException e) {
      throw refused(file, "not PEM certificates: " + e.getMessage());
    }
  }

  private static PrivateKey privateKey(Path file, X509Certificate leaf) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw refused(file, "cannot read it: " + e);
    }
    Matcher pem = PEM_KEY.matcher(text);
    if (!pem.find()) {
      throw refused(file, "no '-----BEGIN PRIVATE KEY-----' block in it");
    }
    if (!pem.group(1).equals("PRIVATE KEY")) {
      throw refused(
          file,
          "it holds an "
              + pem.group(1)
              + "; only unencrypted PKCS#8 keys ('-----BEGIN PRIVATE KEY-----') are read:"
              + " convert it to one, or put key and certificate into a PKCS#12 keystore for"
              + " --tls-keystore");
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(pem.group(2).strip());
      String algorithm = leaf.getPublicKey().getAlgorithm();
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw refused(file, "not a private key for the certificate's algorithm: " + e.getMessage());
    }
  }

  /** Whether {@code key} signs what the certificate's public key verifies. */
  private static boolean matches(PrivateKey key, X509Certificate certificate) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "EdDSA", "Ed25519", "Ed448" -> key.getAlgorithm();
          default -> null;
        };
    if (algorithm == null) {
      return true; // an algorithm this check does not know; the handshake will tell
    }
    try {
      byte[] probe = "sleigh tls identity".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signer.sign());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static IllegalArgumentException refused(Path file, String why) {
    return new IllegalArgumentException(file + ": " + why);
  }
}
