package dev.sleigh.agent.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sleigh.agent.command.CommandAgent;
import dev.sleigh.agent.demo.DemoAgent;
import dev.sleigh.domain.AgentTuning;
import dev.sleigh.domain.ApprovalPolicy;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentsTest {
  private final InstantSource clock = InstantSource.system();

  @Test
  void demoAndCommandArePickedByTheirKindNames() {
    assertThat(Agents.create("demo", List.of(), Map.of(), clock))
        .isInstanceOf(DemoAgent.class)
        .extracting(a -> a.kind())
        .isEqualTo("demo");
    assertThat(Agents.create("command", List.of("./agent"), Map.of(), clock))
        .isInstanceOf(CommandAgent.class)
        .extracting(a -> a.kind())
        .isEqualTo("command");
  }

  @Test
  void anUnknownKindNamesItselfAndTheKnownKinds() {
    assertThatThrownBy(() -> Agents.create("telepathy", List.of(), Map.of(), clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("telepathy")
        .hasMessageContaining("command, demo");
  }

  @Test
  void aCommandAgentWithoutACommandIsAConfigurationError() {
    assertThatThrownBy(() -> Agents.create("command", List.of(), Map.of(), clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("command");
  }

  @Test
  void aCommandAgentGetsItsExtraArgumentsAfterItsCommandAndTheModelInItsEnvironment() {
    var tuning = new AgentTuning("m-1", "low", List.of("--fast"));
    var setup =
        new Agents.Setup(
            "command",
            List.of("./agent", "run"),
            Map.of("A", "b"),
            ApprovalPolicy.WORKSPACE,
            Duration.ofSeconds(5),
            Map.of(),
            List.of(),
            "workspace-write",
            tuning);

    var agent = (CommandAgent) Agents.create(setup, clock);

    assertThat(agent.argv()).containsExactly("./agent", "run", "--fast");
    assertThat(CommandAgent.tuned(Map.of("A", "b"), tuning))
        .containsEntry("A", "b")
        .containsEntry("SLEIGH_MODEL", "m-1")
        .containsEntry("SLEIGH_REASONING_EFFORT", "low");
    assertThat(CommandAgent.tuned(Map.of(), AgentTuning.DEFAULT)).isEmpty();
  }
}
