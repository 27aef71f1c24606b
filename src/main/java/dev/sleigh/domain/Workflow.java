package dev.sleigh.domain;

import java.util.EnumSet;
import java.util.List;

/** The phases a commission goes through, in pipeline order. */
public record Workflow(List<Phase> phases) {
  public static final Workflow DEFAULT = new Workflow(List.of(Phase.values()));

  public Workflow {
    phases = List.copyOf(phases);
    if (phases.isEmpty()) {
      throw new IllegalArgumentException("workflow.phases: at least one phase is needed");
    }
    if (EnumSet.copyOf(phases).size() != phases.size()) {
      throw new IllegalArgumentException("workflow.phases: a phase is listed twice");
    }
    if (phases.getFirst() != Phase.PREFLIGHT) {
      throw new IllegalArgumentException("workflow.phases: the first phase must be preflight");
    }
    for (int i = 1; i < phases.size(); i++) {
      if (phases.get(i).compareTo(phases.get(i - 1)) < 0) {
        throw new IllegalArgumentException("workflow.phases: phases must keep pipeline order");
      }
    }
  }

  public static Workflow of(Phase... phases) {
    return new Workflow(List.of(phases));
  }
}
