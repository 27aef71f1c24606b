package dev.sleigh.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.agent.FakeAgents;
import dev.sleigh.agent.TestedVersions;
import dev.sleigh.cli.CliHarness;
import dev.sleigh.process.Setsid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class DoctorCommandTest {
  @TempDir Path dir;
  private CliHarness cli;

  @BeforeEach
  void harness() {
    cli = new CliHarness(dir);
    cli.variables.put("PATH", System.getenv("PATH"));
  }

  private static JsonNode check(JsonNode view, String name) {
    for (JsonNode check : view.path("checks")) {
      if (check.path("name").asText().equals(name)) {
        return check;
      }
    }
    throw new AssertionError("no check '" + name + "' in " + view);
  }

  private static List<String> names(JsonNode view) {
    List<String> names = new ArrayList<>();
    view.path("checks").forEach(c -> names.add(c.path("name").asText()));
    return names;
  }

  @Test
  void theDefaultSetupPassesEveryCheck() {
    var json = cli.run("doctor", "--json");
    var text = cli.run("doctor");

    assertThat(json.exit()).as(json.err()).isZero();
    JsonNode view = json.json();
    assertThat(view.path("ok").asBoolean()).isTrue();
    assertThat(names(view))
        .containsExactly("config", "store", "git", "process", "workspace", "agent", "agent-env");
    assertThat(view.path("checks"))
        .allSatisfy(
            c -> {
              assertThat(c.path("ok").asBoolean()).isTrue();
              assertThat(c.path("status").asText()).isEqualTo("passed");
            });
    assertThat(check(view, "workspace").path("detail").asText())
        .contains(dir.resolve(".sleigh/workspaces").toString(), "a run creates it");
    assertThat(check(view, "config").path("detail").asText()).contains("embedded defaults", "demo");
    assertThat(check(view, "store").path("detail").asText()).contains("no store yet", "sleigh.db");
    cli.decision("dec-a");
    assertThat(check(cli.run("doctor", "--json").json(), "store").path("detail").asText())
        .contains("sleigh.db", "reachable");
    assertThat(check(view, "git").path("detail").asText()).startsWith("git version ");
    assertThat(check(view, "agent").path("detail").asText()).contains("built in");
    assertThat(check(view, "process").path("detail").asText())
        .contains("bash runs", "own process group through", "leftovers found through /proc");
    assertThat(text.exit()).isZero();
    assertThat(text.out()).contains("ok    git     git version ", "all checks passed");
  }

  @Test
  void aCommandAgentWhoseProgramIsMissingFailsTheAgentCheckNamingIt() {
    cli.write(
        "sleigh.md",
        """
        ---
        agent:
          kind: command
          command: [no-such-agent-program, --fast]
        ---
        """);

    var json = cli.run("doctor", "--json");
    var text = cli.run("doctor");

    assertThat(json.exit()).isEqualTo(1);
    JsonNode agent = check(json.json(), "agent");
    assertThat(json.json().path("ok").asBoolean()).isFalse();
    assertThat(agent.path("ok").asBoolean()).isFalse();
    assertThat(agent.path("detail").asText()).contains("no-such-agent-program", "PATH");
    assertThat(check(json.json(), "config").path("ok").asBoolean()).isTrue();
    assertThat(check(json.json(), "git").path("ok").asBoolean()).isTrue();
    assertThat(text.exit()).isEqualTo(1);
    assertThat(text.out()).contains("FAIL  agent", "no-such-agent-program", "1 of 7 checks failed");
  }

  @Test
  void theClaudeAgentIsFoundOnThePathAndReportsItsVersion() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    FakeAgents.script(
        bin,
        "claude",
        """
        if [[ $1 == --version ]]; then echo "9.8.7 (fake claude)"; exit 0; fi
        exit 64""");
    cli.variables.put("PATH", bin + ":" + System.getenv("PATH"));
    cli.variables.put("ANTHROPIC_API_KEY", "sk-never-printed");
    cli.write(
        "sleigh.md",
        """
        ---
        agent:
          kind: claude
          approval_policy: deny
          allowed_tools: [Read, "Bash(git diff:*)"]
        ---
        """);

    var result = cli.run("doctor", "--json");

    assertThat(result.exit()).as(result.err()).isZero();
    String detail = check(result.json(), "agent").path("detail").asText();
    assertThat(detail)
        .contains(
            "claude: " + bin.resolve("claude"), "9.8.7 (fake claude)", "ANTHROPIC_API_KEY is set");
    assertThat(result.out()).doesNotContain("sk-never-printed");
  }

  /** A codex that answers --version and the app-server handshake, with one config warning. */
  static final String FAKE_CODEX =
      """
      if [[ $1 == --version ]]; then echo "codex-cli 99.0.0"; exit 0; fi
      if [[ $1 == app-server ]]; then
        read -r line
        echo '{"id":1,"result":{"userAgent":"fake-codex/99"}}'
        read -r line
        echo '{"method":"configWarning","params":{"summary":"Codex could not find bubblewrap on PATH."}}'
        exec cat > /dev/null
      fi
      exit 64""";

  /** A CODEX_HOME that exists and is not in the temporary directory (as codex wants it). */
  private Path codexHome() throws Exception {
    Path base = Path.of("target").toAbsolutePath();
    if (base.startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath())) {
      // a checkout in the temporary directory: codex's home must be outside it
      base = Path.of(System.getProperty("user.home"), ".cache", "sleigh-test");
    }
    Path home = base.resolve("doctor-codex-home-" + dir.getFileName());
    codexHomes.add(home);
    return Files.createDirectories(home);
  }

  private final List<Path> codexHomes = new ArrayList<>();

  @org.junit.jupiter.api.AfterEach
  void removeCodexHomes() throws Exception {
    for (Path home : codexHomes) {
      Files.deleteIfExists(home);
    }
  }

  /** A project whose agent is a fake codex on PATH, with {@code env} as its agent.env. */
  private void fakeCodex(String env) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    FakeAgents.script(bin, "codex", FAKE_CODEX);
    cli.variables.put("PATH", bin + ":" + System.getenv("PATH"));
    cli.write("sleigh.md", "---\nagent:\n  kind: codex\n  env: " + env + "\n---\n");
  }

  @Test
  void aCodexThatAnswersTheHandshakeWithItsKeyAndHomeInPlacePassesWithItsWarningsAsNotes()
      throws Exception {
    cli.variables.put("OPENAI_API_KEY", "sk-never-printed");
    fakeCodex("{OPENAI_API_KEY: \"${OPENAI_API_KEY}\", CODEX_HOME: \"" + codexHome() + "\"}");

    var json = cli.run("doctor", "--json");

    assertThat(json.exit()).as(json.out()).isZero();
    JsonNode agent = check(json.json(), "agent");
    assertThat(agent.path("detail").asText()).contains("initialize answered by fake-codex/99");
    assertThat(agent.path("notes").toString()).contains("codex: Codex could not find bubblewrap");
    assertThat(check(json.json(), "agent-env").path("detail").asText())
        .contains("OPENAI_API_KEY reaches codex through agent.env");
    assertThat(check(json.json(), "codex-home").path("ok").asBoolean()).isTrue();
    assertThat(json.out()).doesNotContain("sk-never-printed");
  }

  @Test
  void aKeyTheRunnerHasButAgentEnvDoesNotPassFailsNamingTheLineToAdd() throws Exception {
    cli.variables.put("OPENAI_API_KEY", "sk-never-printed");
    fakeCodex("{CODEX_HOME: \"" + codexHome() + "\"}");

    var json = cli.run("doctor", "--json");

    assertThat(json.exit()).isEqualTo(1);
    JsonNode env = check(json.json(), "agent-env");
    assertThat(env.path("ok").asBoolean()).isFalse();
    assertThat(env.path("detail").asText())
        .contains("OPENAI_API_KEY is set where sleigh runs, but agent.env does not pass it")
        .contains("add OPENAI_API_KEY: ${OPENAI_API_KEY} to agent.env");
    assertThat(json.out()).doesNotContain("sk-never-printed");
  }

  @Test
  void anAgentEnvReferenceTheRunnerDoesNotSetFailsNamingTheKeyAndTheFix() throws Exception {
    fakeCodex("{OPENAI_API_KEY: \"${SLEIGH_DOCTOR_UNSET}\", CODEX_HOME: \"" + codexHome() + "\"}");

    var json = cli.run("doctor", "--json");

    assertThat(json.exit()).isEqualTo(1);
    assertThat(check(json.json(), "agent-env").path("detail").asText())
        .contains("agent.env.OPENAI_API_KEY is ${SLEIGH_DOCTOR_UNSET}", "export it");
  }

  @Test
  void aCodexHomeThatDoesNotExistFailsSayingToCreateIt() throws Exception {
    Path absent = codexHome().resolve("absent");
    cli.variables.put("OPENAI_API_KEY", "k");
    fakeCodex("{OPENAI_API_KEY: \"${OPENAI_API_KEY}\", CODEX_HOME: \"" + absent + "\"}");

    var json = cli.run("doctor", "--json");

    assertThat(json.exit()).isEqualTo(1);
    JsonNode home = check(json.json(), "codex-home");
    assertThat(home.path("ok").asBoolean()).isFalse();
    assertThat(home.path("detail").asText())
        .contains(absent + " does not exist", "mkdir -p " + absent);
  }

  @Test
  void aCodexHomeInTheTemporaryDirectoryFailsSayingWhereToPutIt() throws Exception {
    Path inTmp =
        Files.createDirectories(Path.of("/tmp").resolve("sleigh-doctor-" + dir.getFileName()));
    try {
      cli.variables.put("OPENAI_API_KEY", "k");
      fakeCodex("{OPENAI_API_KEY: \"${OPENAI_API_KEY}\", CODEX_HOME: \"" + inTmp + "\"}");

      var json = cli.run("doctor", "--json");

      assertThat(json.exit()).isEqualTo(1);
      assertThat(check(json.json(), "codex-home").path("detail").asText())
          .contains(inTmp.toString(), "temporary directory", "~/.codex-sleigh");
    } finally {
      Files.deleteIfExists(inTmp);
    }
  }

  @Test
  void aWarningCodexPrintsBeforeItsVersionIsANoteNotTheVersion() throws Exception {
    cli.variables.put("OPENAI_API_KEY", "k");
    fakeCodex("{OPENAI_API_KEY: \"${OPENAI_API_KEY}\", CODEX_HOME: \"" + codexHome() + "\"}");
    Path bin = dir.resolve("bin");
    FakeAgents.script(
        bin,
        "codex",
        FAKE_CODEX.replace(
            "echo \"codex-cli 99.0.0\"",
            "echo 'WARNING: proceeding, even though we could not create PATH aliases'; echo"
                + " \"codex-cli 0.169.0\""));

    JsonNode agent = check(cli.run("doctor", "--json").json(), "agent");

    assertThat(agent.path("detail").asText())
        .contains("version codex-cli 0.169.0")
        .doesNotContain("WARNING");
    assertThat(agent.path("notes").toString()).contains("could not create PATH aliases");
  }

  @Test
  void aMissingCodexFailsWithHowToInstallIt() {
    cli.variables.put("PATH", dir.resolve("empty-bin").toString());
    cli.write("sleigh.md", "---\nagent:\n  kind: codex\n---\n");

    var json = cli.run("doctor", "--json");

    assertThat(json.exit()).isEqualTo(1);
    assertThat(check(json.json(), "agent").path("detail").asText())
        .contains("'codex' was not found on PATH", "npm install -g @openai/codex");
  }

  @Test
  void aConfigurationCodexRefusesAtStartFailsInCodexsOwnWords() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    FakeAgents.script(
        bin,
        "codex",
        """
        if [[ $1 == --version ]]; then echo "codex-cli 0.169.0"; exit 0; fi
        echo 'Error: Model provider `nope` not found' >&2
        exit 1""");
    cli.variables.put("PATH", bin + ":" + System.getenv("PATH"));
    cli.write(
        "sleigh.md",
        "---\nagent:\n  kind: codex\n  codex: {config: {model_provider: nope}}\n---\n");

    var json = cli.run("doctor", "--json");

    assertThat(json.exit()).isEqualTo(1);
    assertThat(check(json.json(), "agent").path("detail").asText())
        .contains("did not start", "Error: Model provider `nope` not found");
  }

  @Test
  void aCodexNewerThanTheTestedReleasePassesWithANoteSayingHowToCheckIt() throws Exception {
    cli.variables.put("OPENAI_API_KEY", "k");
    fakeCodex("{OPENAI_API_KEY: \"${OPENAI_API_KEY}\", CODEX_HOME: \"" + codexHome() + "\"}");

    var json = cli.run("doctor", "--json");
    var text = cli.run("doctor");

    assertThat(json.exit()).as(json.err()).isZero();
    JsonNode agent = check(json.json(), "agent");
    assertThat(agent.path("ok").asBoolean()).isTrue();
    assertThat(agent.path("detail").asText()).contains("codex-cli 99.0.0");
    String note =
        "codex 99.0.0 is newer than "
            + TestedVersions.CODEX
            + ", the release Sleigh was tested with; run ./scripts/check-agent-versions";
    assertThat(agent.path("notes").path(0).asText()).isEqualTo(note);
    assertThat(check(json.json(), "git").path("notes")).isEmpty();
    assertThat(text.exit()).isZero();
    assertThat(text.out()).contains("note  agent   " + note, "all checks passed");
  }

  @Test
  void theTestedClaudeReleaseOrAnOlderOneHasNoNote() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    cli.variables.put("PATH", bin + ":" + System.getenv("PATH"));
    cli.write("sleigh.md", "---\nagent:\n  kind: claude\n---\n");

    for (String version : List.of(TestedVersions.CLAUDE, "2.0.99", "1.9")) {
      FakeAgents.script(bin, "claude", "echo '" + version + " (Claude Code)'");
      var result = cli.run("doctor", "--json");

      assertThat(result.exit()).as(result.err()).isZero();
      JsonNode agent = check(result.json(), "agent");
      assertThat(agent.path("detail").asText()).contains(version + " (Claude Code)");
      assertThat(agent.path("notes")).as(version).isEmpty();
    }
  }

  @Test
  void theNoteNamesTheAgentAndComparesReleasesNumerically() {
    assertThat(DoctorAgentCheck.newerThanTested("codex", "codex-cli 0.171.0", "0.169.0"))
        .contains(
            "codex 0.171.0 is newer than 0.169.0, the release Sleigh was tested with; run"
                + " ./scripts/check-agent-versions");
    assertThat(DoctorAgentCheck.newerThanTested("claude", "2.1.1000 (Claude Code)", "2.1.331"))
        .hasValueSatisfying(n -> assertThat(n).startsWith("claude 2.1.1000 is newer than 2.1.331"));
    assertThat(DoctorAgentCheck.newerThanTested("claude", "2.1.40 (Claude Code)", "2.1.331"))
        .isEmpty();
    assertThat(DoctorAgentCheck.newerThanTested("codex", "codex-cli (dev build)", "0.169.0"))
        .isEmpty();
  }

  @Test
  void anAgentProgramWhoseVersionFailsIsNotOk() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    FakeAgents.script(bin, "claude", "echo 'broken install' >&2; exit 3");
    cli.write(
        "sleigh.md",
        "---\nagent:\n  kind: claude\n  command: [" + bin.resolve("claude") + "]\n---\n");

    var result = cli.run("doctor", "--json");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(check(result.json(), "agent").path("detail").asText())
        .contains("--version exited 3", "broken install");
  }

  @Test
  void noStoreYetPassesWithANoteAndDoctorCreatesNone() {
    var result = cli.run("doctor", "--json", "--home", "mistyped");

    assertThat(result.exit()).as(result.err()).isZero();
    JsonNode store = check(result.json(), "store");
    assertThat(store.path("ok").asBoolean()).isTrue();
    assertThat(store.path("detail").asText()).contains("no store yet", "mistyped");
    assertThat(store.path("notes").get(0).asText()).contains("--home", "run");
    assertThat(dir.resolve("mistyped")).doesNotExist();
  }

  @Test
  void anEmptyStoreFileFailsTheStoreCheck() throws Exception {
    Files.createDirectories(dir.resolve(".sleigh"));
    Files.createFile(dir.resolve(".sleigh/sleigh.db"));

    var result = cli.run("doctor", "--json");

    assertThat(result.exit()).isEqualTo(1);
    JsonNode store = check(result.json(), "store");
    assertThat(store.path("detail").asText()).startsWith("store_corrupt: ").contains("0 bytes");
  }

  @Test
  void aStoreThatCannotBeOpenedFailsTheStoreCheckAndTheOthersStillRun() throws Exception {
    Files.writeString(dir.resolve("blocker"), "a file, not a directory");

    var result = cli.run("doctor", "--home", "blocker/home", "--json");

    assertThat(result.exit()).isEqualTo(1);
    JsonNode store = check(result.json(), "store");
    assertThat(store.path("ok").asBoolean()).isFalse();
    assertThat(store.path("detail").asText())
        .contains("no store at", "blocker", "no writable directory");
    assertThat(check(result.json(), "agent").path("ok").asBoolean()).isTrue();
  }

  @Test
  void aBrokenSleighMdFailsTheConfigCheckWithEveryProblemAndTheOtherChecksStillRun() {
    cli.write(
        "sleigh.md",
        "---\nengine:\n  poll_interval: often\nagent:\n  kind: claude\n  stall_timeout: soon\n"
            + "---\n");

    var json = cli.run("doctor", "--json");
    var text = cli.run("doctor");

    assertThat(json.exit()).as(json.err()).isEqualTo(1);
    JsonNode view = json.json();
    assertThat(view.path("ok").asBoolean()).isFalse();
    assertThat(names(view))
        .containsExactly("config", "store", "git", "process", "workspace", "agent", "agent-env");
    JsonNode config = check(view, "config");
    assertThat(config.path("status").asText()).isEqualTo("failed");
    assertThat(config.path("detail").asText()).contains("sleigh.md", "2 problems");
    assertThat(config.path("problems")).hasSize(2);
    assertThat(config.path("problems").get(0).asText())
        .contains("sleigh.md:3: engine.poll_interval");
    assertThat(config.path("problems").get(1).asText())
        .contains("sleigh.md:6: agent.stall_timeout");
    for (String ran : List.of("store", "git", "process")) {
      assertThat(check(view, ran).path("status").asText()).as(ran).isEqualTo("passed");
    }
    for (String skipped : List.of("workspace", "agent", "agent-env")) {
      JsonNode c = check(view, skipped);
      assertThat(c.path("status").asText()).as(skipped).isEqualTo("skipped");
      assertThat(c.path("ok").asBoolean()).isFalse();
      assertThat(c.path("detail").asText()).isEqualTo("config failed");
    }
    assertThat(text.exit()).isEqualTo(1);
    assertThat(text.out())
        .contains(
            "FAIL  config",
            "sleigh.md:3: engine.poll_interval",
            "sleigh.md:6: agent.stall_timeout",
            "ok    git",
            "skip  agent   config failed",
            "1 of 7 checks failed, 3 skipped");
  }

  @Test
  void anEmptyAllowedToolRuleFailsTheConfigCheckAtItsKey() {
    cli.write("sleigh.md", "---\nagent:\n  kind: claude\n  allowed_tools: [Read, '']\n---\n");

    var result = cli.run("doctor");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.out()).contains("FAIL  config", "sleigh.md:", "agent.allowed_tools");
  }

  @Test
  void aConfigFileThatIsNotThereFailsTheConfigCheckAndTheOthersStillRun() {
    var result = cli.run("doctor", "--json", "--config", "absent.md");

    assertThat(result.exit()).isEqualTo(1);
    JsonNode config = check(result.json(), "config");
    assertThat(config.path("status").asText()).isEqualTo("failed");
    assertThat(config.path("problems").get(0).asText()).contains("--config", "absent.md");
    assertThat(check(result.json(), "git").path("status").asText()).isEqualTo("passed");
    assertThat(check(result.json(), "agent").path("status").asText()).isEqualTo("skipped");
  }

  @Test
  void aWorkspaceRootUnderARegularFileFailsTheWorkspaceCheckNamingThePath() throws Exception {
    Files.writeString(dir.resolve("blocker"), "a file, not a directory");
    cli.write("sleigh.md", "---\nworkspace:\n  root: blocker/workspaces\n---\n");

    var json = cli.run("doctor", "--json");
    var text = cli.run("doctor");

    assertThat(json.exit()).isEqualTo(1);
    assertThat(json.json().path("ok").asBoolean()).isFalse();
    JsonNode workspace = check(json.json(), "workspace");
    assertThat(workspace.path("status").asText()).isEqualTo("failed");
    assertThat(workspace.path("detail").asText())
        .contains(
            dir.resolve("blocker/workspaces").toString(),
            dir.resolve("blocker") + " is a file, not a directory");
    assertThat(check(json.json(), "config").path("status").asText()).isEqualTo("passed");
    assertThat(check(json.json(), "agent").path("status").asText()).isEqualTo("passed");
    assertThat(text.exit()).isEqualTo(1);
    assertThat(text.out()).contains("FAIL  workspace", "1 of 7 checks failed");
  }

  @Test
  void aWorkspaceRootThatIsItselfARegularFileFails() throws Exception {
    Files.writeString(dir.resolve("blocker"), "a file, not a directory");
    cli.write("sleigh.md", "---\nworkspace:\n  root: blocker\n---\n");

    JsonNode workspace = check(cli.run("doctor", "--json").json(), "workspace");

    assertThat(workspace.path("ok").asBoolean()).isFalse();
    assertThat(workspace.path("detail").asText())
        .contains("workspace.root " + dir.resolve("blocker"), "is a file, not a directory");
  }

  @Test
  void anExistingWritableWorkspaceRootPasses() throws Exception {
    Files.createDirectories(dir.resolve("ws"));
    cli.write("sleigh.md", "---\nworkspace:\n  root: ws\n---\n");

    JsonNode workspace = check(cli.run("doctor", "--json").json(), "workspace");

    assertThat(workspace.path("status").asText()).isEqualTo("passed");
    assertThat(workspace.path("detail").asText())
        .isEqualTo(dir.resolve("ws") + " is a writable directory");
  }

  @Test
  void passwordsInTheStoreUrlAreNotPrinted() {
    assertThat(DoctorCommand.redact("jdbc:postgresql://db/sleigh?user=s&password=hunter2&ssl=1"))
        .isEqualTo("jdbc:postgresql://db/sleigh?user=s&password=***&ssl=1");
    assertThat(DoctorCommand.redact("jdbc:postgresql://sleigh:hunter2@db/sleigh"))
        .isEqualTo("jdbc:postgresql://sleigh:***@db/sleigh");
  }

  @Test
  void withoutSetsidTheProcessCheckStillPassesAndSaysHowChildrenAreFound() {
    System.setProperty(Setsid.DISABLED, "true");
    try {
      var json = cli.run("doctor", "--json");
      JsonNode process = check(json.json(), "process");
      assertThat(process.path("ok").asBoolean()).isTrue();
      assertThat(process.path("detail").asText()).contains("bash runs", "no setsid");
      assertThat(process.path("notes").toString())
          .contains("no setsid program", "marker in their environment");
    } finally {
      System.clearProperty(Setsid.DISABLED);
    }
  }
}
