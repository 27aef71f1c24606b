package dev.sleigh.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sleigh.config.SleighConfig.AgentKind;
import dev.sleigh.config.SleighConfig.AgentSettings;
import dev.sleigh.domain.ApprovalPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code agent} keys the codex adapter reads, their defaults and their located errors. */
class CodexAgentSettingsTest {
  private final SleighConfigReader reader = new SleighConfigReader();

  private AgentSettings agent(String yaml) {
    return reader.read("---\n" + yaml + "---\n", "sleigh.md", SleighConfigReaderTest.BASE).agent();
  }

  @Test
  void codexWithAnEmptyCommandRunsCodexAppServerWithTheDefaults() {
    AgentSettings a = agent("agent: {kind: codex}\n");
    assertThat(a.kind()).isEqualTo(AgentKind.CODEX);
    assertThat(a.command()).containsExactly("codex", "app-server");
    assertThat(a.approvalPolicy()).isEqualTo(ApprovalPolicy.WORKSPACE);
    assertThat(a.readTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(a.codex().config()).isEmpty();
  }

  @Test
  void everyCodexSettingIsReadWithOverridesInTheOrderWritten() {
    AgentSettings a =
        agent(
            """
        agent:
          kind: codex
          command: [/opt/codex/bin/codex, app-server]
          approval_policy: deny
          read_timeout: 2s
          env: {OPENAI_API_KEY: "${OPENAI_API_KEY}"}
          codex:
            config:
              model_provider: local
              model_providers.local.base_url: "http://127.0.0.1:9/v1"
              model_providers.local.request_max_retries: 0
              features.plugins: false
        """);
    assertThat(a.command()).containsExactly("/opt/codex/bin/codex", "app-server");
    assertThat(a.approvalPolicy()).isEqualTo(ApprovalPolicy.DENY);
    assertThat(a.readTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(a.env()).isEqualTo(Map.of("OPENAI_API_KEY", "${OPENAI_API_KEY}"));
    assertThat(List.copyOf(a.codex().config().entrySet()))
        .extracting(e -> e.getKey() + "=" + e.getValue())
        .containsExactly(
            "model_provider=local",
            "model_providers.local.base_url=http://127.0.0.1:9/v1",
            "model_providers.local.request_max_retries=0",
            "features.plugins=false");
  }

  @Test
  void theSandboxModelEffortAndExtraArgumentsAreFirstClassKeys() {
    AgentSettings a =
        agent(
            """
        agent:
          kind: codex
          model: gpt-5-codex
          reasoning_effort: high
          extra_args: [--enable, web_search]
          codex:
            sandbox: read-only
            config: {sandbox_mode: read-only, model: gpt-5-codex}
        """);
    assertThat(a.codex().sandbox()).isEqualTo("read-only");
    assertThat(a.tuning().model()).isEqualTo("gpt-5-codex");
    assertThat(a.tuning().reasoningEffort()).isEqualTo("high");
    assertThat(a.tuning().extraArgs()).containsExactly("--enable", "web_search");
    assertThat(agent("agent: {kind: codex}\n").codex().sandbox()).isEqualTo("workspace-write");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      unknown sandbox          | agent:\\n  kind: codex\\n  codex: {sandbox: open}   | 4 | agent.codex.sandbox   | not one of read-only, workspace-write, danger-full-access
      sandbox_mode contradicts | agent:\\n  kind: codex\\n  codex:\\n    sandbox: read-only\\n    config: {sandbox_mode: danger-full-access} | 6 | agent.codex.config.sandbox_mode | contradicts agent.codex.sandbox (read-only)
      default sandbox contradicted | agent:\\n  codex:\\n    config: {sandbox_mode: read-only} | 4 | agent.codex.config.sandbox_mode | set agent.codex.sandbox only
      codex approval_policy    | agent:\\n  codex:\\n    config: {approval_policy: never} | 4 | agent.codex.config.approval_policy | set agent.approval_policy
      model contradicts        | agent:\\n  kind: codex\\n  model: gpt-a\\n  codex:\\n    config: {model: gpt-b} | 4 | agent.model | contradicts agent.codex.config.model (gpt-b)
      effort contradicts       | agent:\\n  kind: codex\\n  reasoning_effort: low\\n  codex:\\n    config: {model_reasoning_effort: high} | 4 | agent.reasoning_effort | contradicts agent.codex.config.model_reasoning_effort
      bad effort               | agent:\\n  reasoning_effort: "very high"            | 3 | agent.reasoning_effort | a level such as low
      claude flag in extra     | agent:\\n  kind: claude\\n  extra_args: [--model, x] | 4 | agent.extra_args | set by Sleigh from agent.model
      unknown approval policy  | agent:\\n  approval_policy: maybe                  | 3 | agent.approval_policy | expected one of workspace, accept_all, deny
      the former name of accept_all | agent:\\n  approval_policy: auto          | 3 | agent.approval_policy | auto is now called accept_all
      accept_all for claude    | agent:\\n  kind: claude\\n  approval_policy: accept_all | 4 | agent.approval_policy | not available for kind claude
      zero read timeout        | agent:\\n  read_timeout: 0s                       | 3 | agent.read_timeout    | longer than 0
      unknown codex key        | agent:\\n  codex: {model: x}                      | 3 | agent.codex.model     | allowed: config
      list as a config value   | agent:\\n  codex:\\n    config: {profiles: [a]}    | 4 | agent.codex.config.profiles | TOML string
      key with an equals sign  | agent:\\n  codex:\\n    config: {'a=b': c}         | 4 | agent.codex.config.a=b | without '='
      """)
  void eachBrokenCodexSettingIsReportedWithFileLineAndKey(
      String what, String yaml, int line, String key, String message) {
    String text = "---\n" + yaml.replace("\\n", "\n") + "\n---\n";
    var e =
        catchThrowableOfType(
            ConfigException.class,
            () -> reader.read(text, "sleigh.md", SleighConfigReaderTest.BASE));
    assertThat(e).as(what).isNotNull();
    assertThat(e.getMessage())
        .startsWith("sleigh.md:" + line + ": " + key + ": ")
        .contains(message);
  }
}
