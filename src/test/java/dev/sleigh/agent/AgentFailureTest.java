package dev.sleigh.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentFailureTest {
  @ParameterizedTest(name = "HTTP {0} is {1}, retryable {2}")
  @CsvSource({
    "401, AUTHENTICATION, false",
    "403, AUTHENTICATION, false",
    "400, BAD_REQUEST,    false",
    "404, BAD_REQUEST,    false",
    "413, BAD_REQUEST,    false",
    "422, BAD_REQUEST,    false",
    "429, RATE_LIMITED,   true",
    "500, SERVER_ERROR,   true",
    "503, SERVER_ERROR,   true",
    "529, SERVER_ERROR,   true"
  })
  void aModelApiStatusHasAClassThatSaysWhetherANewAttemptCouldGoDifferently(
      int status, AgentFailure kind, boolean retryable) {
    assertThat(AgentFailure.ofHttpStatus(status)).contains(kind);
    assertThat(kind.retryable()).isEqualTo(retryable);
  }

  @Test
  void aStatusThatSaysNothingAboutTheRequestHasNoClass() {
    assertThat(AgentFailure.ofHttpStatus(200)).isEqualTo(Optional.empty());
    assertThat(AgentFailure.ofHttpStatus(408)).isEmpty();
  }

  @Test
  void everyFinalClassSaysWhatToFixAndEveryReasonStartsWithItsCode() {
    for (AgentFailure kind : AgentFailure.values()) {
      assertThat(kind.outcome("detail").reason()).isEqualTo(kind.code() + ": detail");
      assertThat(kind.outcome("detail").retryable()).isEqualTo(kind.retryable());
      if (!kind.retryable()) {
        assertThat(kind.fix()).as(kind.name()).isNotBlank();
      }
    }
  }

  @Test
  void aLaunchFailureWithoutAClassIsRetryable() {
    var plain = new AgentLaunchException("cannot open the agent log");
    assertThat(plain.retryable()).isTrue();
    assertThat(plain.reason()).isEqualTo("agent_launch_failed: cannot open the agent log");
    var missing = new AgentLaunchException(AgentFailure.PROGRAM_MISSING, "no codex on PATH");
    assertThat(missing.outcome())
        .isEqualTo(new TurnOutcome.Failed("agent_program_missing: no codex on PATH", false));
  }
}
