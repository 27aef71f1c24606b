package dev.sleigh.cli.run;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.CliFailure;
import dev.sleigh.cli.common.Output;
import dev.sleigh.http.BearerToken;
import dev.sleigh.http.TlsIdentity;
import dev.sleigh.http.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The secrets of {@code sleigh serve}: where the bearer token comes from and how the server speaks
 * TLS. Secrets are read from files or the environment, where other users of the machine cannot see
 * them; the command line, which they can, is accepted for the token only, with a warning.
 */
final class ServeAccessOptions {
  static final String TOKEN_VARIABLE = "SLEIGH_HTTP_TOKEN";
  static final String KEYSTORE_PASSWORD_VARIABLE = "SLEIGH_TLS_KEYSTORE_PASSWORD";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description =
          "Read the bearer token from FILE (at least 32 characters); when FILE does not exist,"
              + " write a fresh random token there, readable by its owner only (default: $"
              + TOKEN_VARIABLE
              + ", else a fresh random one, printed at start).")
  Path tokenFile;

  @Option(
      names = "--token",
      paramLabel = "T",
      description =
          "The bearer token on the command line, where every user of this machine can read it;"
              + " prefer --token-file or $"
              + TOKEN_VARIABLE
              + ".")
  String token;

  @Option(
      names = "--tls-keystore",
      paramLabel = "FILE",
      description =
          "Serve HTTPS with the key and certificate in this PKCS#12 keystore; its password in"
              + " --tls-keystore-password-file or $"
              + KEYSTORE_PASSWORD_VARIABLE
              + ".")
  Path keystore;

  @Option(
      names = "--tls-keystore-password-file",
      paramLabel = "FILE",
      description = "Read the keystore's password from FILE.")
  Path keystorePasswordFile;

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description = "Serve HTTPS with this PEM certificate chain (leaf first); needs --tls-key.")
  Path certificate;

  @Option(
      names = "--tls-key",
      paramLabel = "FILE",
      description = "The PEM private key (unencrypted PKCS#8) of --tls-cert.")
  Path key;

  @Option(
      names = "--insecure-http",
      description =
          "Serve plain HTTP on a non-loopback --host, where anyone on the network path can read"
              + " the token and everything served.")
  boolean insecureHttp;

  /** The token, where it came from, and whether it was generated here (and so must be shown). */
  record Token(BearerToken bearer, String value, String source) {
    static final String GENERATED = "generated";

    boolean generated() {
      return source.equals(GENERATED);
    }
  }

  /** Refuses options that contradict each other, before anything is read. */
  void checkCombinations() {
    if (tokenFile != null && token != null) {
      throw CliFailure.invalid("--token and --token-file: give the token one way only");
    }
    if (keystore != null && (certificate != null || key != null)) {
      throw CliFailure.invalid("--tls-keystore and --tls-cert/--tls-key: choose one of them");
    }
    if ((certificate == null) != (key == null)) {
      throw CliFailure.invalid("--tls-cert and --tls-key go together: give both");
    }
    if (keystore == null && keystorePasswordFile != null) {
      throw CliFailure.invalid("--tls-keystore-password-file needs --tls-keystore");
    }
    if (insecureHttp && tls()) {
      throw CliFailure.invalid("--insecure-http and TLS options: choose one of them");
    }
  }

  /** Whether any TLS identity was given. */
  boolean tls() {
    return keystore != null || certificate != null;
  }

  /** Whether the server may speak something other than plain loopback HTTP. */
  boolean tlsOrInsecure() {
    return tls() || insecureHttp;
  }

  Transport transport(CliEnvironment env, Output output) {
    if (keystore != null) {
      char[] password = keystorePassword(env, output);
      try {
        return TlsIdentity.keystore(env.resolve(keystore), password);
      } catch (IllegalArgumentException e) {
        throw CliFailure.invalid("--tls-keystore " + e.getMessage());
      } finally {
        Arrays.fill(password, '\0');
      }
    }
    if (certificate != null) {
      try {
        return TlsIdentity.pem(env.resolve(certificate), env.resolve(key));
      } catch (IllegalArgumentException e) {
        throw CliFailure.invalid("--tls-cert/--tls-key " + e.getMessage());
      }
    }
    return insecureHttp ? new Transport.InsecureHttp() : new Transport.Http();
  }

  /** The token from --token-file, --token, $SLEIGH_HTTP_TOKEN, or a fresh one, in that order. */
  Token token(CliEnvironment env, Output output) {
    if (tokenFile != null) {
      Path file = env.resolve(tokenFile);
      if (Files.notExists(file, LinkOption.NOFOLLOW_LINKS)) {
        writeFreshToken(file, output);
      }
      return checked(secret(file, "--token-file", output).strip(), "--token-file " + file);
    }
    if (token != null) {
      output.note(
          "sleigh: warning: --token puts the token on the command line, where every user of this"
              + " machine can read it (ps, /proc); use --token-file FILE or $"
              + TOKEN_VARIABLE
              + " instead");
      return checked(token, "--token");
    }
    String fromEnv = env.variable(TOKEN_VARIABLE);
    if (fromEnv != null) {
      return checked(fromEnv.strip(), "$" + TOKEN_VARIABLE);
    }
    // A bearer token guards the server: it comes from the system's secure source, not the
    // test-seedable one.
    return checked(BearerToken.generate(new SecureRandom()), Token.GENERATED);
  }

  /**
   * A fresh token into a new file only its owner may read, so that the operator has a lasting token
   * without it ever crossing a terminal or a log. An existing file is never overwritten.
   */
  private static void writeFreshToken(Path file, Output output) {
    // A bearer token guards the server: it comes from the system's secure source.
    String fresh = BearerToken.generate(new SecureRandom());
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      Files.writeString(file, fresh + "\n", StandardCharsets.US_ASCII);
    } catch (FileAlreadyExistsException raced) {
      return; // someone wrote it since the check; it is read as it is
    } catch (IOException | UnsupportedOperationException e) {
      throw CliFailure.invalid("--token-file " + file + ": cannot create it: " + e);
    }
    output.note("sleigh: wrote a fresh token to " + file + " (readable by its owner only)");
  }

  private static Token checked(String value, String source) {
    try {
      return new Token(new BearerToken(value, source), value, source);
    } catch (IllegalArgumentException e) {
      throw CliFailure.invalid(
          e.getMessage()
              + "; --token-file FILE naming a file that does not exist yet writes a fresh token"
              + " there");
    }
  }

  private char[] keystorePassword(CliEnvironment env, Output output) {
    if (keystorePasswordFile != null) {
      String text =
          secret(env.resolve(keystorePasswordFile), "--tls-keystore-password-file", output);
      return text.replaceAll("[\r\n]+$", "").toCharArray();
    }
    String fromEnv = env.variable(KEYSTORE_PASSWORD_VARIABLE);
    if (fromEnv == null) {
      throw CliFailure.invalid(
          "--tls-keystore needs the keystore's password: put it in a file named by"
              + " --tls-keystore-password-file FILE, or in $"
              + KEYSTORE_PASSWORD_VARIABLE);
    }
    return fromEnv.toCharArray();
  }

  /** A secret's file, read whole; a warning when other users of the machine may read it too. */
  private static String secret(Path file, String option, Output output) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CliFailure.invalid(option + " " + file + ": cannot read it: " + e);
    }
    if (readableByOthers(file)) {
      output.note(
          "sleigh: warning: "
              + option
              + " "
              + file
              + " can be read by other users of this machine; `chmod 600` it");
    }
    return text;
  }

  private static boolean readableByOthers(Path file) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      return permissions.contains(PosixFilePermission.GROUP_READ)
          || permissions.contains(PosixFilePermission.OTHERS_READ);
    } catch (IOException | UnsupportedOperationException e) {
      return false; // no POSIX permissions to judge by
    }
  }
}
