package dev.sleigh.http;

import dev.sleigh.view.StatusSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How the status server listens: {@code host} and {@code port} (0 picks a free one), whether it is
 * open to remote clients, the bearer token, plain HTTP or TLS, and what status is judged by (the
 * lease ttl and the human gate, the same settings {@code sleigh status} takes).
 *
 * <p>Remote access changes what the token guards: on a loopback-only server it guards approve,
 * reject, cancel and requeue, and reads are open to this machine; with {@code allowRemote} every
 * request needs it.
 */
public record ServerSettings(
    String host,
    int port,
    boolean allowRemote,
    BearerToken token,
    Transport transport,
    StatusSettings status) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 7447;

  public ServerSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(token, "the server needs a bearer token for the operator actions");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(status, "status");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--port: " + port + " is not a TCP port (0-65535)");
    }
  }

  /** Status judged by {@code leaseTtl} and the default human gate. */
  public ServerSettings(
      String host,
      int port,
      boolean allowRemote,
      BearerToken token,
      Transport transport,
      Duration leaseTtl) {
    this(host, port, allowRemote, token, transport, StatusSettings.withDefaultGate(leaseTtl));
  }

  /** Loopback over plain HTTP on an ephemeral port: what tests use. */
  public static ServerSettings loopback(String token, Duration leaseTtl) {
    return loopback(token, StatusSettings.withDefaultGate(leaseTtl));
  }

  /** Loopback over plain HTTP on an ephemeral port, status judged by {@code status}. */
  public static ServerSettings loopback(String token, StatusSettings status) {
    return new ServerSettings(
        DEFAULT_HOST, 0, false, new BearerToken(token, "token"), new Transport.Http(), status);
  }

  /** Whether reads need the token too: so on a server open to remote clients. */
  public boolean everyRequestNeedsToken() {
    return allowRemote;
  }
}
