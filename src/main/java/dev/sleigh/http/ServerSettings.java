package dev.sleigh.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How the status server listens: {@code host} and {@code port} (0 picks a free one), whether it is
 * open to remote clients, the bearer token, plain HTTP or TLS, and the lease ttl runners are judged
 * by (a heartbeat older than twice that is stale).
 *
 * <p>Remote access changes what the token guards: on a loopback-only server it guards approve and
 * reject, and reads are open to this machine; with {@code allowRemote} every request needs it.
 */
public record ServerSettings(
    String host,
    int port,
    boolean allowRemote,
    BearerToken token,
    Transport transport,
    Duration leaseTtl) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 7447;

  public ServerSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(token, "the server needs a bearer token for approve and reject");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(leaseTtl, "leaseTtl");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--port: " + port + " is not a TCP port (0-65535)");
    }
  }

  /** Loopback over plain HTTP on an ephemeral port: what tests use. */
  public static ServerSettings loopback(String token, Duration leaseTtl) {
    return new ServerSettings(
        DEFAULT_HOST, 0, false, new BearerToken(token, "token"), new Transport.Http(), leaseTtl);
  }

  /** Whether reads need the token too: so on a server open to remote clients. */
  public boolean everyRequestNeedsToken() {
    return allowRemote;
  }
}
