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

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
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
