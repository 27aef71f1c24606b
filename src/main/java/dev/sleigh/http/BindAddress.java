package dev.sleigh.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where the server may listen. Loopback always; any other address only when the operator asked for
 * remote access and gave a token of their own, because the API can approve changes.
 */
public final class BindAddress {
  private BindAddress() {}

  /**
   * The socket address for {@code host}, or {@link IllegalArgumentException} saying why not. {@code
   * tokenGiven} means the operator chose the token rather than letting one be generated.
   */
  public static InetSocketAddress resolve(
      String host, int port, boolean allowRemote, boolean tokenGiven) {
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--host: cannot resolve '" + host + "'");
    }
    if (!address.isLoopbackAddress()) {
      if (!allowRemote) {
        throw new IllegalArgumentException(
            "--host: "
                + host
                + " ("
                + address.getHostAddress()
                + ") is not a loopback address; sleigh serve listens on 127.0.0.1 unless you pass"
                + " --allow-remote together with --token");
      }
      if (!tokenGiven) {
        throw new IllegalArgumentException(
            "--allow-remote needs --token: choose the bearer token" + " remote operators will use");
      }
    }
    return new InetSocketAddress(address, port);
  }
}
