package dev.sleigh.cli;

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
      StatusCommand.class,
      ServeCommand.class,
      LogsCommand.class,
      BenchCommand.class,
      DemoCommand.class,
      SchemaCommand.class,
      CommandLine.HelpCommand.class,
      AutoComplete.GenerateCompletion.class
    })
public final class SleighCommand {
  @Mixin GlobalOptions options;

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
