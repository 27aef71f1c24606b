package dev.sleigh.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver, a GitHub REST API and a Linear GraphQL API on 127.0.0.1, each answering as
 * scripted ({@link #answer}: a status and headers, until changed) and keeping every request.
 */
public final class FakeTrackers implements AutoCloseable {
  /** One request as received. */
  public record Request(
      String service, String method, String path, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }
  }

  /** How a service answers for now. */
  public record Answer(int status, Map<String, String> headers) {
    static final Answer OK = new Answer(200, Map.of());
  }

  private final HttpServer server;
  private final List<Request> requests = new ArrayList<>();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final Map<String, Hold> holds = new ConcurrentHashMap<>();

  /** A service that keeps its answer until released, as a target that hangs does. */
  public static final class Hold {
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    /** Waits up to {@code max} for a request to arrive; true when one did. */
    public boolean awaitRequest(Duration max) throws InterruptedException {
      return arrived.await(max.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean released() {
      return released.getCount() == 0;
    }

    public void release() {
      released.countDown();
    }
  }

  /** From now on {@code service} holds every request until the returned hold is released. */
  public Hold hold(String service) {
    Hold h = new Hold();
    holds.put(service, h);
    return h;
  }

  public FakeTrackers() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    for (String service : List.of("hook", "github", "linear")) {
      server.createContext("/" + service, exchange -> handle(service, exchange));
    }
    server.start();
  }

  public URI url(String service) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + service);
  }

  public void answer(String service, int status, Map<String, String> headers) {
    answers.put(service, new Answer(status, headers));
  }

  public synchronized List<Request> requests(String service) {
    return requests.stream().filter(r -> r.service().equals(service)).toList();
  }

  private void handle(String service, HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    synchronized (this) {
      requests.add(
          new Request(
              service,
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              Map.copyOf(exchange.getRequestHeaders()),
              body));
    }
    Hold hold = holds.get(service);
    if (hold != null) {
      hold.arrived.countDown();
      try {
        hold.released.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Answer a = answers.getOrDefault(service, Answer.OK);
    String reply = a.status() / 100 == 2 ? success(service, body) : "{\"message\":\"no\"}";
    a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(a.status(), bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static String success(String service, String body) {
    if (!service.equals("linear")) {
      return "{}";
    }
    if (body.contains("commentCreate")) {
      return "{\"data\":{\"commentCreate\":{\"success\":true}}}";
    }
    if (body.contains("issueUpdate")) {
      return "{\"data\":{\"issueUpdate\":{\"success\":true}}}";
    }
    return """
        {"data":{"issue":{"id":"uuid-eng-7","team":{"states":{"nodes":[
          {"id":"state-todo","name":"Todo"},{"id":"state-done","name":"Done"}]}}}}}""";
  }

  @Override
  public void close() {
    holds.values().forEach(Hold::release);
    server.stop(0);
  }
}
