package dev.sleigh.runtime.phase;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.Phase;
import java.time.Duration;
import java.util.Set;

/**
 * The steps of one run, one per phase, each followed by the human gate. What a step needs from
 * outside comes in as ports, so each is tested with a manual clock, an in-memory agent and
 * workspace, and a shell that starts no process.
 */
public final class PhaseSteps {
  private final PreflightStep preflight;
  private final FrameStep frame;
  private final ExecuteStep execute;
  private final MeasureStep measure;
  private final HumanGate human;

  /**
   * Steps whose hooks and evidence commands run as child processes, ended within {@code
   * cancelGrace} of a cancel; {@code approved}: phases whose human gate an approval of this
   * generation already met.
   */
  public PhaseSteps(
      StepSettings settings, StepPorts ports, Duration cancelGrace, Set<Phase> approved) {
    this(settings, ports, Shell.processes(cancelGrace, ports.cancellation().signal()), approved);
  }

  PhaseSteps(StepSettings settings, StepPorts ports, Shell shell, Set<Phase> approved) {
    this.human = new HumanGate(settings.safeguards(), approved);
    StepContext ctx =
        new StepContext(
            settings,
            ports,
            shell,
            new StepHooks(settings.safeguards().hooks(), shell, ports.journal()),
            human);
    this.preflight = new PreflightStep(ports.decisions(), settings.safeguards(), settings.clock());
    this.frame = new FrameStep(settings.safeguards());
    this.execute = new ExecuteStep(ctx);
    this.measure = new MeasureStep(ctx);
  }

  /** Runs the attempt's step and then the human gate on what it found. */
  public PhaseResult run(PhaseAttempt at) throws InterruptedException {
    PhaseStep step =
        switch (at.phase()) {
          case PREFLIGHT -> preflight;
          case FRAME -> frame;
          case EXECUTE -> execute;
          case MEASURE -> measure;
        };
    return human.after(at, step.run(at));
  }

  /** The preflight gates against current facts, as a resumed run revalidates them. */
  public PhaseResult preflightGates(CommissionRecord record) {
    return preflight.check(record);
  }
}
