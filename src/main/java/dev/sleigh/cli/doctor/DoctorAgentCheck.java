package dev.sleigh.cli.doctor;

import dev.sleigh.agent.AgentFailure;
import dev.sleigh.agent.AgentLaunchException;
import dev.sleigh.agent.AgentVersion;
import dev.sleigh.agent.ChildEnvironment;
import dev.sleigh.agent.ProcessLaunch;
import dev.sleigh.agent.ProgramLocator;
import dev.sleigh.agent.TestedVersions;
import dev.sleigh.agent.claude.ClaudeAgent;
import dev.sleigh.agent.codex.CodexAgent;
import dev.sleigh.agent.codex.CodexOptions;
import dev.sleigh.agent.codex.CodexProbe;
import dev.sleigh.config.SleighConfig.AgentSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the configured agent can start: its program on the {@code PATH} the agent will see (with
 * how to install it when it is missing) and, for the adapters of known programs, the version that
 * program reports, with a note (not a failure) when that version is newer than the one in {@link
 * TestedVersions}; codex is also started and asked to {@code initialize}. {@link DoctorAgentEnv}
 * checks the environment the agent will get. A {@code command} agent's program is only looked up:
 * it is the operator's own script, and nothing says it takes {@code --version} rather than starting
 * work.
 */
final class DoctorAgentCheck {
  static final String NAME = "agent";
  static final Duration VERSION_LIMIT = Duration.ofSeconds(10);
  static final Duration HANDSHAKE_LIMIT = Duration.ofSeconds(20);

  private final Map<String, String> runnerEnv;
  private final Path cwd;

  DoctorAgentCheck(Map<String, String> runnerEnv, Path cwd) {
    this.runnerEnv = runnerEnv;
    this.cwd = cwd;
  }

  /** The agent's checks: its program (and handshake), then its environment. */
  List<DoctorView.Check> checks(AgentSettings agent) throws InterruptedException {
    List<DoctorView.Check> out = new ArrayList<>();
    out.add(check(agent));
    out.addAll(new DoctorAgentEnv(runnerEnv).checks(agent));
    return out;
  }

  DoctorView.Check check(AgentSettings agent) throws InterruptedException {
    String kind = agent.kind().wire();
    try {
      return switch (agent.kind()) {
        case DEMO ->
            pass(kind + ": built in (runs on this JVM, no program to install, no API" + " key)");
        case COMMAND ->
            pass(kind + ": " + locate(agent) + " (a command agent is not asked for its version)");
        case CLAUDE -> versioned(agent, credentials(), TestedVersions.CLAUDE);
        case CODEX -> handshake(agent, versioned(agent, "", TestedVersions.CODEX));
      };
    } catch (AgentLaunchException e) {
      return fail(kind + ": " + e.getMessage());
    }
  }

  /**
   * After the version, codex's app-server is started as a run starts it and asked to {@code
   * initialize}; a refusal fails the check in codex's words, its configuration warnings (such as a
   * sandbox that cannot work here) become notes.
   */
  private DoctorView.Check handshake(AgentSettings agent, DoctorView.Check version)
      throws InterruptedException {
    if (!version.ok()) {
      return version;
    }
    Path log;
    try {
      log = Files.createTempFile("sleigh-doctor-codex-", ".log");
    } catch (IOException e) {
      return fail("codex: cannot write a log for the handshake: " + e.getMessage());
    }
    try {
      List<String> argv =
          new CodexOptions(
                  agent.approvalPolicy(),
                  agent.readTimeout(),
                  agent.codex().config(),
                  agent.codex().sandbox(),
                  agent.tuning())
              .argv(agent.command());
      CodexProbe.Answer answer =
          CodexProbe.handshake(
              new ProcessLaunch(argv, cwd, env(agent), "", log, false), HANDSHAKE_LIMIT);
      if (!answer.ok()) {
        return fail("codex: " + answer.detail());
      }
      DoctorView.Check found = version.withDetail(version.detail() + "; " + answer.detail());
      for (String warning : answer.warnings()) {
        found = found.withNote("codex: " + warning);
      }
      return found;
    } finally {
      try {
        Files.deleteIfExists(log);
      } catch (IOException e) {
        // a leftover probe log in the temporary directory is harmless
      }
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
    String version = answer.versionLine();
    DoctorView.Check found = pass(kind + ": " + program + ", version " + version + note);
    for (String warning : answer.warnings()) {
      found = found.withNote(kind + " --version warns: " + warning);
    }
    return newerThanTested(kind, version, tested).map(found::withNote).orElse(found);
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
    String install =
        switch (agent.kind()) {
          case CODEX -> CodexAgent.INSTALL;
          case CLAUDE -> ClaudeAgent.INSTALL;
          case DEMO, COMMAND -> AgentFailure.PROGRAM_MISSING.fix();
        };
    return ProgramLocator.locate(agent.command().getFirst(), cwd, env(agent), install);
  }

  /** The environment the agent gets: the inherited variables, then {@code agent.env}. */
  private Map<String, String> env(AgentSettings agent) {
    return ChildEnvironment.of(runnerEnv, agent.env());
  }

  /** Says whether claude's usual key is set, never its value; a missing one is not a failure. */
  private String credentials() {
    String variable = ClaudeAgent.PASSED_THROUGH.getFirst();
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
