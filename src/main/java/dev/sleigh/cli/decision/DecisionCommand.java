package dev.sleigh.cli.decision;

import picocli.CommandLine.Command;

/** {@code sleigh decision …}: the decisions commissions execute. */
@Command(
    name = "decision",
    description = "Add, revise, supersede and inspect decisions.",
    subcommands = {
      DecisionAddCommand.class,
      DecisionReviseCommand.class,
      DecisionSupersedeCommand.class,
      DecisionShowCommand.class,
      DecisionListCommand.class
    })
public final class DecisionCommand {}
