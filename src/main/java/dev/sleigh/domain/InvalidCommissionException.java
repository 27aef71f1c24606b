package dev.sleigh.domain;

/** A commission that breaks a rule of SPEC §2; names the offending key. */
public final class InvalidCommissionException extends IllegalArgumentException {
  private final String key;

  public InvalidCommissionException(String key, String message) {
    super(key + ": " + message);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
