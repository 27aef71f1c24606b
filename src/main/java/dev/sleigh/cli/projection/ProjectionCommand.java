package dev.sleigh.cli.projection;

import picocli.CommandLine.Command;

/** {@code sleigh projection …}: what completed commissions published, and what they still owe. */
@Command(
    name = "projection",
    description = "List projections (published outcomes and debts) and retry one.",
    subcommands = {ProjectionListCommand.class, ProjectionRetryCommand.class})
public final class ProjectionCommand {}
