package dev.sleigh.cli.common;

import dev.sleigh.agent.Agent;
import dev.sleigh.agent.ChildEnvironment;
import dev.sleigh.agent.kinds.Agents;
import dev.sleigh.config.ConfigFileMissingException;
import dev.sleigh.config.PromptTemplate;
import dev.sleigh.config.SleighConfig;
import dev.sleigh.config.SleighConfigReader;
import dev.sleigh.domain.Commission;
import dev.sleigh.runtime.JsonLinesLog;
import dev.sleigh.runtime.Prompts;
import dev.sleigh.runtime.RunnerContext;
import dev.sleigh.runtime.RunnerSettings;
import dev.sleigh.runtime.projection.ProjectionDesk;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.workspace.Workspaces;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.regex.Pattern;

/**
 * Builds a runner from {@code sleigh.md} (or the embedded defaults when the default file is absent)
 * and the command line: the composition of config, agent, workspaces and prompts.
 */
public record RunSetup(SleighConfig config, RunnerSettings settings, Path home) {
  /** The runtime log rotates at 10 MiB and keeps five older files. */
  static final long LOG_BYTES = 10L << 20;

  public static final int LOG_FILES_KEPT = 5;

  public static RunSetup load(
      CliEnvironment env, GlobalOptions options, Integer concurrency, String runnerId) {
    Path home = options.home(env);
    SleighConfig config = config(env, options, home);
    ChildEnvironment.registerSecrets(env.env(), config.agent().env());
    ChildEnvironment.registerSecrets(env.env(), config.safeguards().hooks().env());
    ChildEnvironment.registerSecrets(env.env(), config.safeguards().evidenceEnv());
    return of(config, home, concurrency, runnerId);
  }

  /** What a runner id may be: it names the runner in the store, in status and in logs. */
  static final Pattern RUNNER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");

  public static RunSetup of(SleighConfig config, Path home, Integer concurrency, String runnerId) {
    if (runnerId != null && !RUNNER_ID.matcher(runnerId).matches()) {
      throw new IllegalArgumentException(
          "--runner-id: '"
              + runnerId
              + "' is not a runner id: letters, digits and . _ : @ -, starting with a letter or"
              + " digit, at most 128 characters");
    }
    SleighConfig.Engine e = config.engine();
    String id =
        runnerId != null
            ? runnerId
            : RunnerContext.ProcessIdentity.current().host() + "-" + ProcessHandle.current().pid();
    RunnerSettings settings =
        new RunnerSettings(
            id,
            concurrency != null ? concurrency : e.concurrency(),
            new RunnerSettings.Timing(
                e.pollInterval(),
                e.leaseTtl(),
                e.cancelGrace(),
                config.agent().stallTimeout(),
                config.agent().turnTimeout(),
                e.storeOutageLimit()),
            e.revalidateOnResume(),
            config.retry(),
            config.workflow(),
            home.resolve("logs"),
            config.agent().env(),
            config.safeguards(),
            config.workspace().maxCheckpointSize());
    return new RunSetup(config, settings, home);
  }

  /**
   * The same setup claiming from queue {@code queue} only (null: every queue).
   *
   * @throws IllegalArgumentException when {@code queue} is not a queue name
   */
  public RunSetup inQueue(String queue) {
    if (queue != null && !Commission.ID.matcher(queue).matches()) {
      throw new IllegalArgumentException(
          "--queue: '"
              + queue
              + "' is not a queue name: lower-case letters, digits, '.', '_', '-', 1-64 chars,"
              + " starting with a letter or digit");
    }
    return new RunSetup(config, settings.withQueue(queue), home);
  }

  /** The configured file; when the default one is absent, the embedded defaults under home. */
  public static SleighConfig config(CliEnvironment env, GlobalOptions options, Path home) {
    Path file = options.config(env);
    try {
      return new SleighConfigReader(options.maxFileSize()).read(file);
    } catch (ConfigFileMissingException missing) {
      if (options.config != null) {
        throw new IllegalArgumentException("--config: " + missing.getMessage());
      }
      SleighConfig defaults = SleighConfig.defaults(file.getParent());
      return new SleighConfig(
          defaults.engine(),
          defaults.retry(),
          defaults.agent(),
          new SleighConfig.WorkspaceSettings(home.resolve("workspaces")),
          defaults.workflow(),
          defaults.prompts(),
          defaults.safeguards());
    }
  }

  public RunnerContext context(CommissionStore store, InstantSource clock) {
    return context(store, clock, java.util.Map.of());
  }

  /** The runner's context; projection tokens and secrets are read from {@code env}. */
  public RunnerContext context(
      CommissionStore store, InstantSource clock, java.util.Map<String, String> env) {
    SleighConfig.AgentSettings a = config.agent();
    Agent agent =
        Agents.create(
            new Agents.Setup(
                a.kind().wire(),
                a.command(),
                a.env(),
                a.approvalPolicy(),
                a.readTimeout(),
                a.codex().config(),
                a.allowedTools(),
                a.codex().sandbox(),
                a.tuning()),
            clock);
    Prompts prompts =
        (c, phase, attempt, turn, max) ->
            config
                .prompt(phase)
                .map(t -> t.render(PromptTemplate.variables(c, phase, attempt, turn, max)))
                .orElse(c.body());
    return new RunnerContext(
            store,
            agent,
            new Workspaces(config.workspace().root()),
            prompts,
            clock,
            settings,
            RunnerContext.ProcessIdentity.current())
        .withLog(new JsonLinesLog(home.resolve("logs"), LOG_BYTES, LOG_FILES_KEPT))
        .withProjection(new ProjectionDesk.Setup(config.projection(), env));
  }
}
