package dev.sleigh.cli.plan;

import picocli.CommandLine.Command;

/** {@code sleigh plan …}: plans of related commissions, applied all or nothing. */
@Command(
    name = "plan",
    description = "Apply a plan of related commissions and show where its entries stand.",
    subcommands = {PlanApplyCommand.class, PlanShowCommand.class, PlanListCommand.class})
public final class PlanCommand {}
