package dev.sleigh.cli.doctor;

import dev.sleigh.agent.ChildEnvironment;
import dev.sleigh.agent.claude.ClaudeAgent;
import dev.sleigh.config.SleighConfig.AgentKind;
import dev.sleigh.config.SleighConfig.AgentSettings;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the agent will find in its environment, built from {@code agent.env} exactly as a run builds
 * it, not from the environment {@code doctor} itself runs in: every {@code ${NAME}} and {@code
 * ${file:PATH}} can be read, the API key the agent's provider needs reaches it, and (for codex) its
 * {@code CODEX_HOME} exists outside the temporary directory, where codex will not install its
 * helpers.
 */
final class DoctorAgentEnv {
  static final String ENV = "agent-env";
  static final String CODEX_HOME = "codex-home";

  private final Map<String, String> runnerEnv;

  DoctorAgentEnv(Map<String, String> runnerEnv) {
    this.runnerEnv = runnerEnv;
  }

  List<DoctorView.Check> checks(AgentSettings agent) {
    List<DoctorView.Check> out = new ArrayList<>();
    List<String> missing = ChildEnvironment.missing(runnerEnv, agent.env());
    if (!missing.isEmpty()) {
      out.add(DoctorView.Check.fail(ENV, String.join("; ", missing)));
      return out;
    }
    Map<String, String> env = ChildEnvironment.of(runnerEnv, agent.env());
    out.add(
        switch (agent.kind()) {
          case CODEX -> codexKey(agent, env);
          case CLAUDE -> claudeKey(env);
          case DEMO, COMMAND ->
              DoctorView.Check.pass(
                  ENV, "every agent.env value can be read (" + names(agent) + ")");
        });
    if (agent.kind() == AgentKind.CODEX) {
      out.add(codexHomeCheck(env));
    }
    return out;
  }

  private static String names(AgentSettings agent) {
    return agent.env().isEmpty() ? "none set" : String.join(", ", agent.env().keySet());
  }

  /**
   * The variable the configured provider reads its key from: {@code OPENAI_API_KEY} for codex's
   * own, the provider's {@code env_key} for one of {@code agent.codex.config}; empty when the
   * provider needs none.
   */
  static Optional<String> codexKeyName(AgentSettings agent) {
    Map<String, String> config = agent.codex().config();
    String provider = config.getOrDefault("model_provider", "openai");
    if (provider.equals("openai")) {
      return Optional.of("OPENAI_API_KEY");
    }
    return Optional.ofNullable(config.get("model_providers." + provider + ".env_key"));
  }

  private DoctorView.Check codexKey(AgentSettings agent, Map<String, String> env) {
    Optional<String> name = codexKeyName(agent);
    if (name.isEmpty()) {
      return DoctorView.Check.pass(
          ENV, "the configured provider names no env_key; codex gets none");
    }
    String key = name.get();
    if (!env.getOrDefault(key, "").isEmpty()) {
      return DoctorView.Check.pass(ENV, key + " reaches codex through agent.env." + key);
    }
    String fix = "add " + key + ": ${" + key + "} to agent.env";
    if (!runnerEnv.getOrDefault(key, "").isEmpty()) {
      return DoctorView.Check.fail(
          ENV,
          key
              + " is set where sleigh runs, but agent.env does not pass it, so codex will not see"
              + " it; "
              + fix);
    }
    if (key.equals("OPENAI_API_KEY") && Files.isRegularFile(codexHome(env).resolve("auth.json"))) {
      return DoctorView.Check.pass(
          ENV, "no OPENAI_API_KEY; codex uses its own login in " + codexHome(env));
    }
    return DoctorView.Check.fail(
        ENV,
        "no "
            + key
            + " reaches codex: export it where sleigh run starts and "
            + fix
            + (key.equals("OPENAI_API_KEY")
                ? " (or log in with codex login in its CODEX_HOME)"
                : ""));
  }

  /** The credentials claude gets: passed through from where sleigh runs, or from agent.env. */
  private DoctorView.Check claudeKey(Map<String, String> env) {
    for (String name : ClaudeAgent.PASSED_THROUGH) {
      boolean key = name.endsWith("_KEY") || name.endsWith("_TOKEN");
      if (key
          && (!runnerEnv.getOrDefault(name, "").isEmpty()
              || !env.getOrDefault(name, "").isEmpty())) {
        return DoctorView.Check.pass(ENV, name + " is set in the environment and reaches claude");
      }
    }
    return DoctorView.Check.pass(ENV, "no ANTHROPIC_API_KEY is set; claude uses its own login")
        .withNote(
            "ANTHROPIC_API_KEY is not set (claude's own login in CLAUDE_CONFIG_DIR or ~/.claude is"
                + " used if it has one)");
  }

  private static Path codexHome(Map<String, String> env) {
    String configured = env.get("CODEX_HOME");
    if (configured != null && !configured.isEmpty()) {
      return Path.of(configured);
    }
    return Path.of(env.getOrDefault("HOME", "~"), ".codex");
  }

  private DoctorView.Check codexHomeCheck(Map<String, String> env) {
    boolean configured = !env.getOrDefault("CODEX_HOME", "").isEmpty();
    Path home;
    try {
      home = codexHome(env).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      return DoctorView.Check.fail(CODEX_HOME, "CODEX_HOME is not a path: " + e.getMessage());
    }
    String where = configured ? "agent.env.CODEX_HOME" : "CODEX_HOME (HOME/.codex)";
    if (underTemp(home, env)) {
      return DoctorView.Check.fail(
          CODEX_HOME,
          where
              + " "
              + home
              + " is in the temporary directory, where codex refuses to install its helpers"
              + " and which may be cleaned; point it at a directory such as ~/.codex-sleigh");
    }
    if (!Files.isDirectory(home)) {
      return configured
          ? DoctorView.Check.fail(
              CODEX_HOME,
              where + " " + home + " does not exist; create it (mkdir -p " + home + ") first")
          : DoctorView.Check.pass(CODEX_HOME, home + " does not exist yet; codex creates it");
    }
    return DoctorView.Check.pass(CODEX_HOME, where + " " + home + " exists");
  }

  private static boolean underTemp(Path home, Map<String, String> env) {
    List<Path> temps = new ArrayList<>(List.of(Path.of("/tmp")));
    String tmpdir = env.get("TMPDIR");
    if (tmpdir != null && !tmpdir.isEmpty()) {
      temps.add(Path.of(tmpdir).toAbsolutePath().normalize());
    }
    Path real = home;
    try {
      real = home.toRealPath();
    } catch (java.io.IOException e) {
      // not there yet: its written path is what codex will see
    }
    for (Path temp : temps) {
      if (home.startsWith(temp) || real.startsWith(temp)) {
        return true;
      }
    }
    return false;
  }
}
