package dev.sleigh.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgentVersionTest {

  @Test
  void theVersionIsFoundInWhatEachKnownProgramPrints() {
    assertThat(AgentVersion.findIn("codex-cli 0.169.0")).contains(AgentVersion.of("0.169.0"));
    assertThat(AgentVersion.findIn("2.1.331 (Claude Code)")).contains(AgentVersion.of("2.1.331"));
    assertThat(AgentVersion.findIn("codex-cli 0.172.0-alpha.3"))
        .contains(AgentVersion.of("0.172.0"));
    assertThat(AgentVersion.findIn("tool v1.2")).contains(AgentVersion.of("1.2"));
  }

  @Test
  void outputWithoutADottedVersionHasNone() {
    assertThat(AgentVersion.findIn("codex-cli")).isEmpty();
    assertThat(AgentVersion.findIn("build 42")).isEmpty();
    assertThat(AgentVersion.findIn("")).isEmpty();
  }

  @Test
  void versionsCompareNumberByNumberNotAsText() {
    assertThat(AgentVersion.of("0.171.0").isNewerThan(AgentVersion.of("0.169.0"))).isTrue();
    assertThat(AgentVersion.of("0.170.0").isNewerThan(AgentVersion.of("0.99.0"))).isTrue();
    assertThat(AgentVersion.of("2.1.331").isNewerThan(AgentVersion.of("2.1.40"))).isTrue();
    assertThat(AgentVersion.of("10.0.0").isNewerThan(AgentVersion.of("9.9.9"))).isTrue();
    assertThat(AgentVersion.of("0.169.0").isNewerThan(AgentVersion.of("0.169.0"))).isFalse();
    assertThat(AgentVersion.of("0.168.9").isNewerThan(AgentVersion.of("0.169.0"))).isFalse();
  }

  @Test
  void aMissingTrailingNumberCountsAsZero() {
    assertThat(AgentVersion.of("1.2").compareTo(AgentVersion.of("1.2.0"))).isZero();
    assertThat(AgentVersion.of("1.2.1").isNewerThan(AgentVersion.of("1.2"))).isTrue();
  }

  @Test
  void textThatIsNotADottedVersionIsRefused() {
    assertThatThrownBy(() -> AgentVersion.of("latest"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("latest");
    assertThatThrownBy(() -> AgentVersion.of("1..2")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AgentVersion(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void itPrintsAsDottedNumbers() {
    assertThat(AgentVersion.of("0.169.0")).hasToString("0.169.0");
  }

  @Test
  void theTestedVersionsAreDottedVersions() {
    assertThat(AgentVersion.of(TestedVersions.CODEX)).hasToString(TestedVersions.CODEX);
    assertThat(AgentVersion.of(TestedVersions.CLAUDE)).hasToString(TestedVersions.CLAUDE);
  }
}
