package dev.sleigh.cli.run;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.CliFailure;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.RunSetup;
import dev.sleigh.cli.common.ShutdownSignals;
import dev.sleigh.cli.common.StoreVerb;
import dev.sleigh.cli.delivery.ServedFiles;
import dev.sleigh.config.LocatedFileException;
import dev.sleigh.config.SleighConfig;
import dev.sleigh.http.BindAddress;
import dev.sleigh.http.CommissionFiles;
import dev.sleigh.http.ServerSettings;
import dev.sleigh.http.StatusServer;
import dev.sleigh.http.Transport;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.view.StatusSettings;
import dev.sleigh.workspace.Git;
import dev.sleigh.workspace.Workspaces;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sleigh serve}: the HTTP API, metrics and dashboard until SIGINT or SIGTERM (SPEC §6.3). On
 * loopback reads are open and approve/reject need the token; with {@code --allow-remote} every
 * request needs it, and a non-loopback address needs TLS or {@code --insecure-http}.
 */
@Command(
    name = "serve",
    description =
        "Serve the HTTP API, /metrics and the dashboard on 127.0.0.1, or remotely with"
            + " --allow-remote.")
public final class ServeCommand extends StoreVerb {
  @Option(
      names = "--host",
      paramLabel = "H",
      description =
          "Address to listen on (default: 127.0.0.1; others need --allow-remote and TLS or"
              + " --insecure-http).")
  String host = ServerSettings.DEFAULT_HOST;

  @Option(
      names = "--port",
      paramLabel = "P",
      description = "Port (default: 7447; 0 picks a free one).")
  int port = ServerSettings.DEFAULT_PORT;

  @Option(
      names = "--allow-remote",
      description =
          "Allow a non-loopback --host (or a proxy in front of a loopback one): every request,"
              + " reads included, then needs the token.")
  boolean allowRemote;

  @Mixin ServeAccessOptions access = new ServeAccessOptions();

  ServeCommand(CliEnvironment env) {
    super(env);
  }

  /**
   * What {@code serve --json} prints once it listens. {@code token} is shown only when it was
   * generated, since nobody else knows it; a token given to the server stays where it was given,
   * and {@code tokenSource} says where that is.
   */
  record Serving(String url, String token, String tokenSource, boolean everyRequestNeedsToken) {}

  @Override
  protected int execute(CommissionStore store) {
    InetSocketAddress address = checkOptions();
    Transport transport = access.transport(env, output());
    ServeAccessOptions.Token token = access.token(env, output());
    ServerSettings settings = settings(token, transport);
    warnAbout(transport, address);
    CountDownLatch stop = new CountDownLatch(1);
    try (StatusServer server =
        StatusServer.start(store, env.clock(), env.random(), settings, files(store))) {
      ShutdownSignals.onFirstSignal(stop::countDown);
      printServing(server, settings, token);
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

  /**
   * What can be checked from the options alone, before any secret is read: the address, options
   * that contradict each other, and TLS (or --insecure-http) where the address needs it.
   */
  private InetSocketAddress checkOptions() {
    InetSocketAddress address;
    try {
      address = BindAddress.resolve(host, port, allowRemote);
    } catch (IllegalArgumentException e) {
      throw CliFailure.invalid(e.getMessage());
    }
    access.checkCombinations();
    if (!address.getAddress().isLoopbackAddress() && !access.tlsOrInsecure()) {
      throw CliFailure.invalid(BindAddress.needsTls(host).getMessage());
    }
    return address;
  }

  private ServerSettings settings(ServeAccessOptions.Token token, Transport transport) {
    try {
      return new ServerSettings(
          host, port, allowRemote, token.bearer(), transport, statusSettings());
    } catch (IllegalArgumentException e) {
      throw CliFailure.invalid(e.getMessage());
    }
  }

  private void warnAbout(Transport transport, InetSocketAddress address) {
    switch (transport) {
      case Transport.Https https -> output().note("sleigh: TLS as " + https.identity());
      case Transport.InsecureHttp insecure -> {
        if (!address.getAddress().isLoopbackAddress()) {
          output()
              .note(
                  "sleigh: warning: --insecure-http: the token and everything served cross the"
                      + " network in plain text");
        }
      }
      case Transport.Http http -> {}
    }
  }

  private void printServing(
      StatusServer server, ServerSettings settings, ServeAccessOptions.Token token) {
    String needs =
        settings.everyRequestNeedsToken() ? "every request needs" : "approve and reject need";
    String shown =
        token.generated()
            ? "'Authorization: Bearer " + token.value() + "'"
            : "'Authorization: Bearer <token>' with the token from " + token.source();
    output()
        .result(
            new Serving(
                server.url().toString(),
                token.generated() ? token.value() : null,
                token.source(),
                settings.everyRequestNeedsToken()),
            out -> {
              out.println(
                  "sleigh: serving " + server.url() + " (dashboard, /api/v1/..., /metrics)");
              out.println("sleigh: " + needs + " " + shown);
            });
  }

  /** Runners are judged against the configured lease ttl, as {@code status} does. */
  /**
   * What status is judged by: the configuration's lease ttl and human gate, so that the served
   * status says what {@code sleigh status} says; the defaults, said so, without a readable one.
   */
  private StatusSettings statusSettings() {
    return config()
        .map(c -> new StatusSettings(c.engine().leaseTtl(), c.safeguards().human(), c.retry()))
        .orElseGet(() -> StatusSettings.withDefaultGate(SleighConfig.Engine.DEFAULT.leaseTtl()));
  }

  /** The changes and logs the detail of a commission shows, read on this host. */
  private CommissionFiles files(CommissionStore store) {
    Path workspaceRoot =
        config().map(c -> c.workspace().root()).orElse(options.home(env).resolve("workspaces"));
    return new ServedFiles(
        store, new Workspaces(workspaceRoot, new Git()), options.home(env).resolve("logs"));
  }

  private Optional<SleighConfig> config() {
    if (config == null) {
      try {
        config = Optional.of(RunSetup.config(env, options, options.home(env)));
      } catch (LocatedFileException | IllegalArgumentException e) {
        output()
            .note(
                "sleigh: warning: "
                    + e.getMessage()
                    + "; judging runners and approvals by the default lease ttl and human gate");
        config = Optional.empty();
      }
    }
    return config;
  }

  private Optional<SleighConfig> config;
}
