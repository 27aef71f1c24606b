package dev.sleigh.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sleigh.domain.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildEnvironmentTest {
  @Test
  void anAgentSeesOnlyHarmlessInheritedVariablesAndWhatIsConfigured() {
    var env =
        ChildEnvironment.of(
            Map.of("PATH", "/bin", "DB_PASSWORD", "secret"), Map.of("MODE", "fast"));
    assertThat(env)
        .containsEntry("PATH", "/bin")
        .containsEntry("MODE", "fast")
        .doesNotContainKey("DB_PASSWORD");
  }

  @Test
  void aConfiguredReferenceTakesTheRunnersVariableWhenTheAgentStarts() {
    var env =
        ChildEnvironment.of(
            Map.of("MY_KEY", "k-123"), Map.of("API_KEY", "${MY_KEY}", "LITERAL", "a${MY_KEY}"));
    assertThat(env).containsEntry("API_KEY", "k-123").containsEntry("LITERAL", "a${MY_KEY}");
  }

  @Test
  void aFileReferenceIsTheFilesContentWithoutItsLastLineBreakAndIsASecretFromThen(@TempDir Path dir)
      throws Exception {
    Path key = Files.writeString(dir.resolve("key"), "file-secret-5521\n");

    var env = ChildEnvironment.of(Map.of(), Map.of("API_KEY", "${file:" + key + "}"));

    assertThat(env).containsEntry("API_KEY", "file-secret-5521");
    assertThat(Secrets.redact("the key is file-secret-5521")).isEqualTo("the key is ***");
  }

  @Test
  void aValueReadFromTheRunnersVariableIsASecretFromThen() {
    ChildEnvironment.of(Map.of("MY_TOKEN", "runner-secret-5521"), Map.of("T", "${MY_TOKEN}"));

    assertThat(Secrets.redact("runner-secret-5521")).isEqualTo("***");
  }

  @Test
  void anUnreadableSecretFileIsAnErrorNamingTheVariableAndTheFile(@TempDir Path dir) {
    Path missing = dir.resolve("nope");

    assertThatThrownBy(
            () -> ChildEnvironment.of(Map.of(), Map.of("API_KEY", "${file:" + missing + "}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("API_KEY")
        .hasMessageContaining(missing.toString());
  }

  @Test
  void anAgentWhoseReferenceTheRunnerDoesNotSetIsRefusedFinallyNamingTheKeyAndTheFix(
      @TempDir Path dir) {
    Path missing = dir.resolve("nope");

    assertThatThrownBy(
            () ->
                ChildEnvironment.forAgent(
                    Map.of("EMPTY", ""),
                    Map.of(
                        "API_KEY", "${OPENAI_API_KEY}",
                        "OTHER", "${EMPTY}",
                        "FROM_FILE", "${file:" + missing + "}",
                        "PLAIN", "value")))
        .isInstanceOfSatisfying(
            AgentLaunchException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.failure()).contains(AgentFailure.ENV_MISSING);
              assertThat(e.reason())
                  .startsWith("agent_env_missing: ")
                  .contains("agent.env.API_KEY is ${OPENAI_API_KEY}")
                  .contains("agent.env.OTHER is ${EMPTY}")
                  .contains("agent.env.FROM_FILE", missing.toString())
                  .contains("export it where sleigh run starts")
                  .doesNotContain("PLAIN");
            });
  }

  @Test
  void anAgentWithEveryReferenceSetGetsItsValues() throws Exception {
    assertThat(ChildEnvironment.forAgent(Map.of("K", "v"), Map.of("API_KEY", "${K}")))
        .containsEntry("API_KEY", "v");
    assertThat(ChildEnvironment.missing(Map.of("K", "v"), Map.of("API_KEY", "${K}"))).isEmpty();
  }
}
