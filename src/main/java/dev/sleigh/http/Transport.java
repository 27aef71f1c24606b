package dev.sleigh.http;

import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How the server speaks to its clients. Plain HTTP is for loopback addresses; anywhere else the
 * operator gives the server a TLS identity, or says explicitly that plain HTTP is acceptable there.
 */
public sealed interface Transport {
  /** Plain HTTP, only on a loopback address. */
  record Http() implements Transport {}

  /** Plain HTTP on any address, which the operator asked for knowing it can be read in transit. */
  record InsecureHttp() implements Transport {}

  /** HTTPS with {@code context}'s key and certificate chain; {@code identity} names them. */
  record Https(SSLContext context, String identity) implements Transport {
    public Https {
      Objects.requireNonNull(context, "context");
      Objects.requireNonNull(identity, "identity");
    }
  }

  default String scheme() {
    return this instanceof Https ? "https" : "http";
  }
}
