package dev.sleigh.http;

import dev.sleigh.domain.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The server's secret, compared in constant time. A token is text of at least {@link #MIN_LENGTH}
 * printable ASCII characters without spaces, so that it travels unchanged in an HTTP header; a
 * generated one is 32 random bytes written as 64 hex digits.
 */
public final class BearerToken {
  /** The shortest token accepted, in characters (which are bytes, being ASCII). */
  public static final int MIN_LENGTH = 32;

  private final byte[] expected;

  /**
   * A token checked by {@link #problem}; {@link IllegalArgumentException} when it is not one, the
   * message starting with {@code source}, which names where the token came from.
   */
  public BearerToken(String token, String source) {
    String problem = problem(token);
    if (problem != null) {
      throw new IllegalArgumentException(source + ": " + problem);
    }
    this.expected = digest(token);
    // whatever a child prints of it is hidden too
    Secrets.register(token);
  }

  /** A fresh token: 32 random bytes as 64 hex digits. */
  public static String generate(RandomGenerator random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Why {@code token} cannot be a bearer token, or null when it can. */
  public static String problem(String token) {
    if (token == null || token.isEmpty()) {
      return "the token is empty";
    }
    if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      return "the token may hold only printable ASCII characters without spaces";
    }
    if (token.length() < MIN_LENGTH) {
      return "the token has "
          + token.length()
          + " characters; at least "
          + MIN_LENGTH
          + " are needed, best 32 random bytes written as 64 hex digits";
    }
    return null;
  }

  /** Whether an {@code Authorization} header carries this token as {@code Bearer <token>}. */
  boolean accepts(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return MessageDigest.isEqual(expected, digest(authorization.substring(7).trim()));
  }

  /** Digests compare in constant time whatever the lengths, so no guess learns the length. */
  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
