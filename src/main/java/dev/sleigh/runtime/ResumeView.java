package dev.sleigh.runtime;

import dev.sleigh.domain.Phase;
import dev.sleigh.lifecycle.ResumePoint;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a claimed commission continues, as the {@code resume} of a {@code claimed} log record:
 * {@code next} says what is left ({@code run}, {@code finish} or {@code nothing}), with the phase,
 * attempt, generation and approved phases of a run, the generation of a finish, or the state of a
 * commission with nothing to run.
 */
final class ResumeView {
  private ResumeView() {}

  /** Where a run resumes, in words for a log line: "execute attempt 2", "finish", … */
  static String describe(ResumePoint resume) {
    return switch (resume) {
      case ResumePoint.Run run ->
          run.phase().wire()
              + " attempt "
              + run.attempt()
              + (run.atHumanGate() ? " at its human gate" : "")
              + (run.generation() > 1 ? " (generation " + run.generation() + ")" : "");
      case ResumePoint.Finish finish -> "finish";
      case ResumePoint.Nothing nothing -> "nothing (" + nothing.state().wire() + ")";
    };
  }

  static Map<String, Object> of(ResumePoint resume) {
    Map<String, Object> view = new LinkedHashMap<>();
    switch (resume) {
      case ResumePoint.Run run -> {
        view.put("next", "run");
        view.put("phase", run.phase().wire());
        view.put("attempt", run.attempt());
        view.put("generation", run.generation());
        view.put("approved", run.approved().stream().sorted().map(Phase::wire).toList());
        if (run.atHumanGate()) {
          view.put("at", "human_gate");
        }
      }
      case ResumePoint.Finish finish -> {
        view.put("next", "finish");
        view.put("generation", finish.generation());
      }
      case ResumePoint.Nothing nothing -> {
        view.put("next", "nothing");
        view.put("state", nothing.state().wire());
      }
    }
    return view;
  }
}
