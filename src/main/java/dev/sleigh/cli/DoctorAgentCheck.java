package dev.sleigh.cli;

import dev.sleigh.agent.AgentLaunchException;
import dev.sleigh.agent.AgentVersion;
import dev.sleigh.agent.ChildEnvironment;
import dev.sleigh.agent.ProgramLocator;
import dev.sleigh.agent.TestedVersions;
import dev.sleigh.agent.claude.ClaudeAgent;
import dev.sleigh.config.SleighConfig.AgentSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the configured agent can start: its program on the {@code PATH} the agent will see and,
 * for the adapters of known programs, the version that program reports, with a note (not a failure)
 * when that version is newer than the one in {@link TestedVersions}. A {@code command} agent's
 * program is only looked up: it is the operator's own script, and nothing says it takes {@code
 * --version} rather than starting work.
 */
final class DoctorAgentCheck {
  static final String NAME = "agent";
  static final Duration VERSION_LIMIT = Duration.ofSeconds(10);

  private final Map<String, String> runnerEnv;
  private final Path cwd;

  DoctorAgentCheck(Map<String, String> runnerEnv, Path cwd) {
    this.runnerEnv = runnerEnv;
    this.cwd = cwd;
  }

  DoctorView.Check check(AgentSettings agent) throws InterruptedException {
    String kind = agent.kind().wire();
    try {
      return switch (agent.kind()) {
        case DEMO ->
            pass(kind + ": built in (runs on this JVM, no program to install, no API" + " key)");
        case COMMAND ->
            pass(kind + ": " + locate(agent) + " (a command agent is not asked for its version)");
        case CLAUDE ->
            versioned(
                agent, credentials(ClaudeAgent.PASSED_THROUGH.getFirst()), TestedVersions.CLAUDE);
        case CODEX -> versioned(agent, credentials("OPENAI_API_KEY"), TestedVersions.CODEX);
      };
    } catch (AgentLaunchException e) {
      return fail(kind + ": " + e.getMessage());
    }
  }

  private DoctorView.Check versioned(AgentSettings agent, String note, String tested)
      throws AgentLaunchException, InterruptedException {
    String kind = agent.kind().wire();
    Path program = locate(agent);
    DoctorProbe.Answer answer;
    try {
      answer = DoctorProbe.ask(program, List.of("--version"), env(agent), VERSION_LIMIT);
    } catch (IOException e) {
      return fail(kind + ": cannot run " + program + ": " + e.getMessage());
    }
    if (answer.timedOut()) {
      return fail(
          kind
              + ": "
              + program
              + " --version did not answer within "
              + VERSION_LIMIT.toSeconds()
              + "s");
    }
    if (!answer.ok()) {
      return fail(
          kind
              + ": "
              + program
              + " --version exited "
              + answer.exitCode()
              + ": "
              + answer.firstLine());
    }
    DoctorView.Check found = pass(kind + ": " + program + ", version " + answer.firstLine() + note);
    return newerThanTested(kind, answer.firstLine(), tested).map(found::withNote).orElse(found);
  }

  /**
   * A note when {@code versionLine} names a release newer than {@code tested}; an older one is not
   * remarked on (nothing is known about it either way), nor is output without a version in it.
   */
  static Optional<String> newerThanTested(String kind, String versionLine, String tested) {
    return AgentVersion.findIn(versionLine)
        .filter(found -> found.isNewerThan(AgentVersion.of(tested)))
        .map(
            found ->
                kind
                    + " "
                    + found
                    + " is newer than "
                    + tested
                    + ", the release Sleigh was tested with; run ./scripts/check-agent-versions");
  }

  /** The agent's program, found the way the agent will be started. */
  private Path locate(AgentSettings agent) throws AgentLaunchException {
    return ProgramLocator.locate(agent.command().getFirst(), cwd, env(agent));
  }

  /** The environment the agent gets: the inherited variables, then {@code agent.env}. */
  private Map<String, String> env(AgentSettings agent) {
    return ChildEnvironment.of(runnerEnv, agent.env());
  }

  /** Says whether the usual key is set, never its value; a missing one is not a failure. */
  private String credentials(String variable) {
    String value = runnerEnv.get(variable);
    return value == null || value.isBlank()
        ? "; " + variable + " is not set (the program's own login is used if it has one)"
        : "; " + variable + " is set in the environment";
  }

  private static DoctorView.Check pass(String detail) {
    return DoctorView.Check.pass(NAME, detail);
  }

  private static DoctorView.Check fail(String detail) {
    return DoctorView.Check.fail(NAME, detail);
  }
}
