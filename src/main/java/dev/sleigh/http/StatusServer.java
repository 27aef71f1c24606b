package dev.sleigh.http;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.sleigh.domain.Ids;
import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.store.CommissionStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The HTTP API, metrics and dashboard over one store, on the JDK's built-in server (its HTTPS
 * variant when {@link ServerSettings#transport} says TLS) with one virtual thread per request.
 * {@link #start} binds and serves; {@link #close} stops serving and waits briefly for requests in
 * progress. The store stays the caller's to close.
 */
public final class StatusServer implements AutoCloseable {
  private static final long STOP_WAIT_SECONDS = 5;

  private final HttpServer server;
  private final ExecutorService executor;
  private final URI url;

  private StatusServer(HttpServer server, ExecutorService executor, URI url) {
    this.server = server;
    this.executor = executor;
    this.url = url;
  }

  /**
   * Binds {@code settings.host():settings.port()} and serves {@code store}; {@code clock} says what
   * "now" is for status, {@code random} makes the ids of operator commands. The commission detail
   * shows no change and no logs.
   */
  public static StatusServer start(
      CommissionStore store, InstantSource clock, RandomGenerator random, ServerSettings settings)
      throws IOException {
    return start(store, clock, random, settings, CommissionFiles.NONE);
  }

  /** As above; the commission detail shows the change and the log tails {@code files} reads. */
  public static StatusServer start(
      CommissionStore store,
      InstantSource clock,
      RandomGenerator random,
      ServerSettings settings,
      CommissionFiles files)
      throws IOException {
    InetSocketAddress address =
        BindAddress.resolve(
            settings.host(), settings.port(), settings.allowRemote(), settings.transport());
    Access access =
        settings.everyRequestNeedsToken()
            ? new Access.TokenForEverything(settings.token())
            : new Access.Loopback();
    HttpServer server = create(address, settings.transport());
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    OperatorActions actions = new OperatorActions(store, settings.token(), new Ids(clock, random));
    StoreMetrics metrics = new StoreMetrics(store, clock, settings.status());
    CommissionRoutes commissions =
        new CommissionRoutes(store, actions, files, settings.status().retry());
    server.createContext(
        ApiRoutes.PREFIX,
        new Endpoint(new ApiRoutes(store, clock, settings.status(), commissions), access));
    server.createContext("/metrics", new Endpoint(metricsRoute(metrics), access));
    server.createContext("/", new Endpoint(new DashboardAssets(), access));
    server.start();
    int port = server.getAddress().getPort();
    String host = address.getAddress().getHostAddress();
    String shown = host.contains(":") ? "[" + host + "]" : host;
    String scheme = settings.transport().scheme();
    return new StatusServer(
        server, executor, URI.create(scheme + "://" + shown + ":" + port + "/"));
  }

  private static HttpServer create(InetSocketAddress address, Transport transport)
      throws IOException {
    return switch (transport) {
      case Transport.Http http -> HttpServer.create(address, 0);
      case Transport.InsecureHttp insecure -> HttpServer.create(address, 0);
      case Transport.Https https -> {
        HttpsServer server = HttpsServer.create(address, 0);
        server.setHttpsConfigurator(new HttpsConfigurator(https.context()));
        yield server;
      }
    };
  }

  private static Route metricsRoute(StoreMetrics metrics) {
    return exchange -> {
      if (!exchange.getRequestURI().getPath().equals("/metrics")) {
        return Reply.error(
            ErrorCode.NOT_FOUND, "no such endpoint: " + exchange.getRequestURI().getPath());
      }
      String method = exchange.getRequestMethod();
      return method.equals("GET") || method.equals("HEAD")
          ? Reply.text(200, StoreMetrics.CONTENT_TYPE, metrics.scrape())
          : Requests.notAllowed("GET, HEAD");
    };
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The dashboard's address, e.g. {@code http://127.0.0.1:7447/} or {@code https://...}. */
  public URI url() {
    return url;
  }

  /** Stops accepting requests and waits a few seconds for the ones in progress. */
  public void stop() {
    server.stop(0);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
