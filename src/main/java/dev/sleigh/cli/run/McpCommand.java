package dev.sleigh.cli.run;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.CliFailure;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.RunSetup;
import dev.sleigh.cli.common.StoreVerb;
import dev.sleigh.config.SleighConfig;
import dev.sleigh.domain.Ids;
import dev.sleigh.runtime.phase.AgentEvidence;
import dev.sleigh.runtime.tools.CommissionTools;
import dev.sleigh.runtime.tools.McpServer;
import dev.sleigh.store.CommissionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sleigh mcp --commission ID --lease-epoch N [--workspace DIR]}: the tool server an agent
 * session starts (MCP over stdio), bound to the commission and the lease epoch the session runs
 * under. Runners write it into the agent's MCP configuration; an operator never needs to run it.
 */
@Command(
    name = "mcp",
    hidden = true,
    description =
        "Serve the agent's tools (MCP over stdio) for one session of a commission, fenced by its"
            + " lease epoch; started by the agent, as the runner configures it.")
public final class McpCommand extends StoreVerb {
  /** The run's tags an evidence command started by the server carries on. */
  private static final List<String> TAGS = List.of("SLEIGH_RUN_ID", "SLEIGH_COMMISSION_ID");

  @Option(
      names = "--commission",
      required = true,
      paramLabel = "ID",
      description = "The commission.")
  String commission;

  @Option(
      names = "--lease-epoch",
      required = true,
      paramLabel = "N",
      description = "The lease epoch the session runs under; a call under another is refused.")
  long epoch;

  @Option(
      names = "--workspace",
      paramLabel = "DIR",
      description = "The session's workspace (default: the working directory).")
  Path workspace;

  McpCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute(CommissionStore store) {
    require(store, commission);
    Path ws = workspace == null ? env.cwd() : env.resolve(workspace);
    if (!Files.isDirectory(ws)) {
      throw CliFailure.invalid("--workspace: " + ws + " is not a directory");
    }
    Path home = options.home(env);
    SleighConfig config =
        options.explicitConfig().isPresent()
            ? RunSetup.config(env, options, home)
            : SleighConfig.defaults(home.getParent());
    Map<String, String> evidenceEnv = new LinkedHashMap<>(config.safeguards().evidenceEnv());
    for (String tag : TAGS) {
      if (env.variable(tag) != null) {
        evidenceEnv.put(tag, env.variable(tag));
      }
    }
    AgentEvidence evidence =
        new AgentEvidence(
            ws,
            home.resolve("logs").resolve(commission),
            evidenceEnv,
            env.clock(),
            config.engine().cancelGrace());
    CommissionTools tools =
        new CommissionTools(
            store,
            commission,
            epoch,
            ws,
            evidence,
            env.clock(),
            new Ids(env.clock(), env.random()));
    try {
      new McpServer(tools, "0.1.0").serve(env.in(), env.out());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }
}
