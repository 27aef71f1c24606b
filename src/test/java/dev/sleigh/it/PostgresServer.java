package dev.sleigh.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server of one test that can be stopped and started again on the same data
 * directory and port, so that a runner connected to it sees the database go away and come back.
 */
final class PostgresServer implements AutoCloseable {
  private final Path data;
  private final int port;
  private EmbeddedPostgres running;

  private PostgresServer(Path data, int port) {
    this.data = data;
    this.port = port;
  }

  /** Creates a database cluster in {@code data} and starts a server on it, on a free port. */
  static PostgresServer start(Path data) throws IOException {
    PostgresServer server = new PostgresServer(data, freePort());
    server.startAgain();
    return server;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Creates database {@code name}; returns its JDBC URL. */
  String createDatabase(String name) throws SQLException {
    try (Connection c = running.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return running.getJdbcUrl("postgres", name);
  }

  /** Stops the server (fast shutdown: open connections are ended) and waits until it is down. */
  void stop() throws IOException {
    running.close();
    running = null;
  }

  /** Starts the server again on the same data and port. */
  void startAgain() throws IOException {
    if (running != null) {
      throw new IllegalStateException("the server is running");
    }
    running =
        EmbeddedPostgres.builder()
            .setDataDirectory(data)
            .setCleanDataDirectory(false)
            .setPort(port)
            .start();
  }

  @Override
  public void close() throws IOException {
    if (running != null) {
      stop();
    }
  }
}
