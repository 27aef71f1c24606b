package dev.sleigh.cli;

import dev.sleigh.cli.bench.BenchCommand;
import dev.sleigh.cli.commission.ApproveCommand;
import dev.sleigh.cli.commission.CommissionCommand;
import dev.sleigh.cli.commission.RejectCommand;
import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.GlobalOptions;
import dev.sleigh.cli.decision.DecisionCommand;
import dev.sleigh.cli.delivery.ApplyCommand;
import dev.sleigh.cli.delivery.DiffCommand;
import dev.sleigh.cli.delivery.GcCommand;
import dev.sleigh.cli.delivery.ResultCommand;
import dev.sleigh.cli.doctor.DoctorCommand;
import dev.sleigh.cli.plan.PlanCommand;
import dev.sleigh.cli.projection.ProjectionCommand;
import dev.sleigh.cli.run.DemoCommand;
import dev.sleigh.cli.run.LogsCommand;
import dev.sleigh.cli.run.RunCommand;
import dev.sleigh.cli.run.ServeCommand;
import dev.sleigh.cli.run.StatusCommand;
import dev.sleigh.cli.store.BackupCommand;
import dev.sleigh.cli.store.InitCommand;
import dev.sleigh.cli.store.SchemaCommand;
import dev.sleigh.cli.store.VerifyCommand;
import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ScopeType;

/** The {@code sleigh} command: only a container for the verbs. */
@Command(
    name = "sleigh",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    version = "sleigh 0.1.0",
    description = "Runs coding agents on a durable queue of WorkCommissions.",
    subcommands = {
      InitCommand.class,
      DecisionCommand.class,
      CommissionCommand.class,
      PlanCommand.class,
      ApproveCommand.class,
      RejectCommand.class,
      VerifyCommand.class,
      BackupCommand.class,
      DoctorCommand.class,
      RunCommand.class,
      ResultCommand.class,
      DiffCommand.class,
      ApplyCommand.class,
      GcCommand.class,
      ProjectionCommand.class,
      StatusCommand.class,
      ServeCommand.class,
      LogsCommand.class,
      BenchCommand.class,
      DemoCommand.class,
      SchemaCommand.class,
      CommandLine.HelpCommand.class,
      AutoComplete.GenerateCompletion.class
    })
public final class SleighCommand implements GlobalOptions.Root {
  @Mixin GlobalOptions options;

  @Override
  public GlobalOptions globalOptions() {
    return options;
  }

  /** The command line of one invocation in {@code env}; {@code execute(args)} is the exit code. */
  public static CommandLine commandLine(CliEnvironment env) {
    CommandLine line = new CommandLine(new SleighCommand(), new VerbFactory(env));
    line.setOut(new PrintWriter(env.out(), true));
    line.setErr(new PrintWriter(env.err(), true));
    line.setParameterExceptionHandler(new ErrorHandlers.Usage(env));
    line.setExecutionExceptionHandler(new ErrorHandlers.Unexpected(env));
    return line;
  }
}
