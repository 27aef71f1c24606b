package dev.sleigh.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildEnvironmentTest {
  @Test
  void onlyPathHomeLangAndTmpdirAreInheritedFromTheRunner() {
    Map<String, String> runner = Map.of("PATH", "/usr/bin", "HOME", "/home/r", "LANG", "C.UTF-8",
        "TMPDIR", "/tmp", "DATABASE_PASSWORD", "secret", "API_TOKEN", "t0k3n");

    assertThat(ChildEnvironment.of(runner, Map.of())).containsOnlyKeys("PATH", "HOME", "LANG",
        "TMPDIR");
  }

  @Test
  void configuredVariablesAreAddedAndWinOverInheritedOnes() {
    Map<String, String> env = ChildEnvironment.of(Map.of("PATH", "/usr/bin"),
        Map.of("PATH", "/opt/agent/bin", "API_TOKEN", "configured"));

    assertThat(env).containsExactlyInAnyOrderEntriesOf(
        Map.of("PATH", "/opt/agent/bin", "API_TOKEN", "configured"));
  }
}
