package dev.sleigh.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.domain.CommissionState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LifecycleDocTest {
  private static final Path DOC = Path.of("docs/lifecycle.md");

  /** Run with {@code -Dsleigh.regenerate=true} to rewrite the file after changing the table. */
  @Test
  void theLifecycleDocIsTheTableAsItStands() throws Exception {
    String generated = LifecycleDoc.markdown();
    if (Boolean.getBoolean("sleigh.regenerate")) {
      Files.writeString(DOC, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8)).isEqualTo(generated);
  }

  @Test
  void runnerCommandsAreAllowedOnlyWhereALeaseCanBeHeld() {
    for (CommandKind k : CommandKind.values()) {
      if (k.fence() == CommandKind.Fence.LEASE) {
        assertThat(Lifecycle.allowedFrom(k)).as(k.wire()).allMatch(CommissionState::leasable);
      }
    }
  }

  @Test
  void terminalStatesAcceptNothingButIntakeAndTheRecordsOfADeliveryAndAProjection() {
    for (CommissionState s : CommissionState.values()) {
      if (s.terminal()) {
        for (CommandKind k : CommandKind.values()) {
          boolean allowed = Lifecycle.transition(s, k) instanceof Lifecycle.Transition.Allowed;
          boolean delivery =
              (k == CommandKind.RECORD_APPLIED || k == CommandKind.RECORD_PROJECTION)
                  && (s == CommissionState.COMPLETED
                      || s == CommissionState.COMPLETED_WITH_PROJECTION_DEBT);
          assertThat(allowed).as("%s in %s", k, s).isEqualTo(k == CommandKind.INTAKE || delivery);
        }
      }
    }
  }

  @Test
  void onlyAPublishedProjectionTakesADebtToCompletedAndNothingLeavesCompleted() {
    assertThat(
            Lifecycle.transition(
                CommissionState.COMPLETED_WITH_PROJECTION_DEBT, CommandKind.RECORD_PROJECTION))
        .isEqualTo(
            new Lifecycle.Transition.Allowed(
                java.util.Set.of(
                    CommissionState.COMPLETED_WITH_PROJECTION_DEBT, CommissionState.COMPLETED)));
    assertThat(Lifecycle.transition(CommissionState.COMPLETED, CommandKind.RECORD_PROJECTION))
        .isEqualTo(new Lifecycle.Transition.Allowed(java.util.Set.of(CommissionState.COMPLETED)));
  }
}
