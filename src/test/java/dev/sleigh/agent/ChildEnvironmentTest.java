package dev.sleigh.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
