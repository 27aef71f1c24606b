package dev.sleigh.agent;

import java.util.Optional;

/**
 * A failure of an agent classified where it was seen, so that the runtime knows whether a new
 * attempt could go differently: a wrong key, an invalid request, a missing program, a variable the
 * runner does not have or a configuration the agent refuses is met again by every attempt, so it
 * ends the commission at once with a reason that says what to fix; a rate limit or a server error
 * may pass, so it is retried within the budget. {@code docs/agents.md} tables which agent kind
 * reports which class.
 */
public enum AgentFailure {
  /** The model API refused the credentials (HTTP 401 or 403). */
  AUTHENTICATION("agent_auth_failed", false),
  /** The model API refused the request itself (HTTP 400, 404, 413, 422): model, provider, size. */
  BAD_REQUEST("agent_bad_request", false),
  /** The model API asked to slow down (HTTP 429). */
  RATE_LIMITED("agent_rate_limited", true),
  /** The model API failed on its side (HTTP 5xx). */
  SERVER_ERROR("agent_server_error", true),
  /** The agent program is not installed where the agent's PATH looks, or is not executable. */
  PROGRAM_MISSING("agent_program_missing", false),
  /** {@code agent.env} names a runner variable that is not set, or a file that cannot be read. */
  ENV_MISSING("agent_env_missing", false),
  /** The agent program refused its configuration at start (an unknown or reserved provider, …). */
  CONFIG_REFUSED("agent_config_refused", false);

  private final String code;
  private final boolean retryable;

  AgentFailure(String code, boolean retryable) {
    this.code = code;
    this.retryable = retryable;
  }

  /** The word a failure's reason starts with. */
  public String code() {
    return code;
  }

  /** Whether a new attempt could go differently. */
  public boolean retryable() {
    return retryable;
  }

  /** The class of an HTTP status the model API answered with; empty when it says nothing. */
  public static Optional<AgentFailure> ofHttpStatus(int status) {
    return switch (status) {
      case 401, 403 -> Optional.of(AUTHENTICATION);
      case 400, 404, 413, 422 -> Optional.of(BAD_REQUEST);
      case 429 -> Optional.of(RATE_LIMITED);
      default ->
          status >= 500 && status <= 599
              ? Optional.of(SERVER_ERROR)
              : Optional.<AgentFailure>empty();
    };
  }

  /** {@code code: detail}. */
  public String reason(String detail) {
    return code + ": " + detail;
  }

  /** The turn outcome of this failure. */
  public TurnOutcome.Failed outcome(String detail) {
    return new TurnOutcome.Failed(reason(detail), retryable);
  }

  /**
   * What to do about a failure of this class in general, for reasons whose detail does not say it
   * already; empty for the classes that are retried.
   */
  public String fix() {
    return switch (this) {
      case AUTHENTICATION ->
          "check the API key the agent gets through agent.env (or the program's own login)";
      case BAD_REQUEST -> "check agent.model and the agent's provider settings";
      case RATE_LIMITED, SERVER_ERROR -> "";
      case PROGRAM_MISSING -> "install the program or set agent.command to its path";
      case ENV_MISSING ->
          "export the variable where sleigh run starts, or write ${file:PATH} in agent.env";
      case CONFIG_REFUSED -> "fix the agent's configuration in sleigh.md";
    };
  }
}
