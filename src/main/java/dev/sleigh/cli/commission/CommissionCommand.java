package dev.sleigh.cli.commission;

import picocli.CommandLine.Command;

/** {@code sleigh commission …}: the queue of WorkCommissions. */
@Command(
    name = "commission",
    description = "Create, inspect, requeue and cancel commissions.",
    subcommands = {
      CommissionCreateCommand.class,
      CommissionListCommand.class,
      CommissionShowCommand.class,
      CommissionEventsCommand.class,
      CommissionRequeueCommand.class,
      CommissionCancelCommand.class
    })
public final class CommissionCommand {}
