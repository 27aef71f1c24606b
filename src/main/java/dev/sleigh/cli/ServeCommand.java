package dev.sleigh.cli;

import dev.sleigh.config.LocatedFileException;
import dev.sleigh.config.SleighConfig;
import dev.sleigh.http.BearerToken;
import dev.sleigh.http.BindAddress;
import dev.sleigh.http.ServerSettings;
import dev.sleigh.http.StatusServer;
import dev.sleigh.store.CommissionStore;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sleigh serve}: the HTTP API, metrics and dashboard until SIGINT or SIGTERM (SPEC §6.3).
 */
@Command(
    name = "serve",
    description = "Serve the HTTP API, /metrics and the dashboard on 127.0.0.1.")
final class ServeCommand extends StoreVerb {
  @Option(
      names = "--host",
      paramLabel = "H",
      description =
          "Address to listen on (default: 127.0.0.1; others need --allow-remote and --token).")
  String host = ServerSettings.DEFAULT_HOST;

  @Option(
      names = "--port",
      paramLabel = "P",
      description = "Port (default: 7447; 0 picks a free one).")
  int port = ServerSettings.DEFAULT_PORT;

  @Option(names = "--allow-remote", description = "Allow a non-loopback --host; needs --token.")
  boolean allowRemote;

  @Option(
      names = "--token",
      paramLabel = "T",
      description =
          "Bearer token for approve and reject (default: a fresh random one, printed at start).")
  String token;

  ServeCommand(CliEnvironment env) {
    super(env);
  }

  /** What {@code serve --json} prints once it listens. */
  record Serving(String url, String token) {}

  @Override
  protected int execute(CommissionStore store) {
    ServerSettings settings = settings();
    CountDownLatch stop = new CountDownLatch(1);
    try (StatusServer server = StatusServer.start(store, env.clock(), env.random(), settings)) {
      ShutdownSignals.onFirstSignal(stop::countDown);
      output()
          .result(
              new Serving(server.url().toString(), settings.token()),
              out -> {
                out.println(
                    "sleigh: serving " + server.url() + " (dashboard, /api/v1/..., /metrics)");
                out.println(
                    "sleigh: approve and reject need 'Authorization: Bearer "
                        + settings.token()
                        + "'");
              });
      output().note("sleigh: press Ctrl-C to stop");
      while (!stop.await(1, TimeUnit.HOURS)) {
        // Serving goes on; the wait only has a deadline so that no wait is unbounded.
      }
      output().note("sleigh: stopped serving");
      return ExitCodes.OK;
    } catch (IOException e) {
      throw CliFailure.invalid("cannot listen on " + host + ":" + port + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.FAILURE;
    } finally {
      ShutdownSignals.onFirstSignal(null);
    }
  }

  private ServerSettings settings() {
    try {
      BindAddress.resolve(host, port, allowRemote, token != null);
      // A bearer token guards approvals: it comes from the system's secure source, not the
      // test-seedable one.
      String secret =
          token != null ? token : BearerToken.generate(new java.security.SecureRandom());
      return new ServerSettings(host, port, allowRemote, secret, leaseTtl());
    } catch (IllegalArgumentException e) {
      throw CliFailure.invalid(e.getMessage());
    }
  }

  /** Runners are judged against the configured lease ttl, as {@code status} does. */
  private Duration leaseTtl() {
    try {
      return RunSetup.config(env, options, options.home(env)).engine().leaseTtl();
    } catch (LocatedFileException | IllegalArgumentException e) {
      output()
          .note(
              "sleigh: warning: " + e.getMessage() + "; judging runners by the default lease ttl");
      return SleighConfig.Engine.DEFAULT.leaseTtl();
    }
  }
}
