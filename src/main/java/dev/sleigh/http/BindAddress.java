package dev.sleigh.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where the server may listen. Loopback always; any other address only when the operator asked for
 * remote access, because the API shows evidence and can approve changes, and only over TLS unless
 * they said plain HTTP is acceptable there.
 */
public final class BindAddress {
  private BindAddress() {}

  /** The socket address for {@code host}, or {@link IllegalArgumentException} saying why not. */
  public static InetSocketAddress resolve(
      String host, int port, boolean allowRemote, Transport transport) {
    InetSocketAddress address = resolve(host, port, allowRemote);
    if (!address.getAddress().isLoopbackAddress() && transport instanceof Transport.Http) {
      throw needsTls(host);
    }
    return address;
  }

  /** The socket address, checking only that a non-loopback one was allowed. */
  public static InetSocketAddress resolve(String host, int port, boolean allowRemote) {
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--host: cannot resolve '" + host + "'");
    }
    if (!address.isLoopbackAddress() && !allowRemote) {
      throw new IllegalArgumentException(
          "--host: "
              + host
              + " ("
              + address.getHostAddress()
              + ") is not a loopback address; sleigh serve listens on 127.0.0.1 unless you pass"
              + " --allow-remote, which makes every request need the token (--token-file FILE or"
              + " $SLEIGH_HTTP_TOKEN, or a generated one) and needs TLS (--tls-keystore FILE, or"
              + " --tls-cert FILE --tls-key FILE) or --insecure-http");
    }
    return new InetSocketAddress(address, port);
  }

  /** The refusal of plain HTTP on a non-loopback {@code host}, saying what to add. */
  public static IllegalArgumentException needsTls(String host) {
    return new IllegalArgumentException(
        "--host "
            + host
            + " is not a loopback address, so the server needs TLS there: add --tls-keystore FILE"
            + " (a PKCS#12 keystore; its password in --tls-keystore-password-file FILE or"
            + " $SLEIGH_TLS_KEYSTORE_PASSWORD) or --tls-cert FILE --tls-key FILE (PEM), or add"
            + " --insecure-http to serve plain HTTP that anyone on the network path can read");
  }
}
