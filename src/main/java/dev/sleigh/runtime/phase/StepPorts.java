package dev.sleigh.runtime.phase;

import dev.sleigh.agent.Agent;
import dev.sleigh.store.Decisions;
import java.util.function.LongConsumer;

/**
 * What the steps reach outside themselves: the run's journal, the workspace, the agent, the
 * decisions preflight checks, the switch that cancels the run, and where an agent's pid goes.
 */
public record StepPorts(
    PhaseJournal journal,
    Workbench bench,
    Agent agent,
    Decisions decisions,
    Cancellation cancellation,
    LongConsumer agentStarted) {}
