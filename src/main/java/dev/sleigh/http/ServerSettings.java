package dev.sleigh.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How the status server listens: {@code host} and {@code port} (0 picks a free one), whether a
 * non-loopback address is allowed, the bearer token approve and reject need, and the lease ttl
 * runners are judged by (a heartbeat older than twice that is stale).
 */
public record ServerSettings(
    String host, int port, boolean allowRemote, String token, Duration leaseTtl) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 7447;

  public ServerSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(leaseTtl, "leaseTtl");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--port: " + port + " is not a TCP port (0-65535)");
    }
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the server needs a bearer token for approve and reject");
    }
  }

  /** Loopback on an ephemeral port: what tests use. */
  public static ServerSettings loopback(String token, Duration leaseTtl) {
    return new ServerSettings(DEFAULT_HOST, 0, false, token, leaseTtl);
  }
}
