package dev.sleigh.domain;

import java.time.InstantSource;
import java.util.random.RandomGenerator;

/**
 * Lower-case ULIDs: 48 bits of milliseconds then 80 random bits in Crockford base32, so ids sort by
 * creation time and fit the commission id pattern.
 */
public final class Ids {
  private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

  private final InstantSource clock;
  private final RandomGenerator random;

  public Ids(InstantSource clock, RandomGenerator random) {
    this.clock = clock;
    this.random = random;
  }

  public String next(String prefix) {
    return prefix + ulid();
  }

  public String ulid() {
    char[] out = new char[26];
    long time = clock.millis();
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (time & 31)];
      time >>>= 5;
    }
    long hi = random.nextLong();
    long lo = random.nextLong();
    for (int i = 10; i < 26; i++) {
      long source = i < 18 ? hi : lo;
      int shift = (i < 18 ? i - 10 : i - 18) * 5;
      out[i] = ALPHABET[(int) ((source >>> shift) & 31)];
    }
    return new String(out);
  }
}
