package dev.sleigh.view;

import dev.sleigh.domain.CommissionState;
import dev.sleigh.lifecycle.StoreError;
import java.util.List;

/** A typed refusal (SPEC §3.2), printed as {@code {"error": {...}}}. */
public record ErrorView(
    String code, String message, boolean retryable, String state, List<String> allowedStates) {

  public static Document of(StoreError error) {
    return new Document(
        new ErrorView(
            error.code().wire(),
            error.message(),
            error.retryable(),
            error.state() == null ? null : error.state().wire(),
            error.allowedStates().stream().sorted().map(CommissionState::wire).toList()));
  }

  /** The whole document: {@code {"error": {...}}}. */
  public record Document(ErrorView error) {}
}
