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
import dev.sleigh.cli.run.McpCommand;
import dev.sleigh.cli.run.RunCommand;
import dev.sleigh.cli.run.ServeCommand;
import dev.sleigh.cli.run.StatusCommand;
import dev.sleigh.cli.store.BackupCommand;
import dev.sleigh.cli.store.InitCommand;
import dev.sleigh.cli.store.SchemaCommand;
import dev.sleigh.cli.store.VerifyCommand;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    description = "Runs coding agents on a durable queue of WorkCommissions.")
public final class SleighCommand implements GlobalOptions.Root {
  @Mixin GlobalOptions options;

  @Override
  public GlobalOptions globalOptions() {
    return options;
  }

  /** Every verb, in the order help lists them. */
  static final List<Class<?>> VERBS =
      List.of(
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
          McpCommand.class,
          BenchCommand.class,
          DemoCommand.class,
          SchemaCommand.class,
          CommandLine.HelpCommand.class,
          AutoComplete.GenerateCompletion.class);

  /** The command line with every verb, as help and completion see it. */
  public static CommandLine commandLine(CliEnvironment env) {
    return commandLine(env, VERBS);
  }

  /**
   * The command line for {@code args}: only the verbs {@code args} names are built, since building
   * all of them (every option of every verb, by reflection) is most of what a short command spends
   * before it starts. Arguments that name no verb, or ask for help or completion, get them all.
   */
  public static CommandLine commandLine(CliEnvironment env, String[] args) {
    Set<String> words = new HashSet<>(Arrays.asList(args));
    List<Class<?>> named = VERBS.stream().filter(v -> words.contains(nameOf(v))).toList();
    boolean all =
        named.isEmpty()
            || named.contains(CommandLine.HelpCommand.class)
            || named.contains(AutoComplete.GenerateCompletion.class);
    return commandLine(env, all ? VERBS : named);
  }

  private static String nameOf(Class<?> verb) {
    return verb.getAnnotation(Command.class).name();
  }

  private static CommandLine commandLine(CliEnvironment env, List<Class<?>> verbs) {
    CommandLine line = new CommandLine(new SleighCommand(), new VerbFactory(env));
    for (Class<?> verb : verbs) {
      line.addSubcommand(verb);
    }
    line.setOut(new PrintWriter(env.out(), true));
    line.setErr(new PrintWriter(env.err(), true));
    line.setParameterExceptionHandler(new ErrorHandlers.Usage(env));
    line.setExecutionExceptionHandler(new ErrorHandlers.Unexpected(env));
    return line;
  }
}
