package dev.sleigh.http;

/**
 * Who may ask what. A loopback server answers reads from this machine without a token, and only
 * requests addressed to a loopback name. A server open to remote clients answers nothing without
 * the token but the dashboard's own page, script and style, which hold no data.
 */
sealed interface Access {
  record Loopback() implements Access {}

  record TokenForEverything(BearerToken token) implements Access {}
}
