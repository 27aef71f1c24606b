package dev.sleigh.cli;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.Output;
import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.lifecycle.StoreError;
import dev.sleigh.view.ErrorView;
import dev.sleigh.view.ViewJson;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** What happens when the arguments cannot be parsed, or a command breaks. */
final class ErrorHandlers {
  private ErrorHandlers() {}

  /** Bad arguments: exit 2, said the same way as every other refusal. */
  static final class Usage implements CommandLine.IParameterExceptionHandler {
    private final CliEnvironment env;

    Usage(CliEnvironment env) {
      this.env = env;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
      boolean json = Arrays.asList(args).contains("--json");
      int code = new Output(env, json).error(StoreError.of(ErrorCode.INVALID, ex.getMessage()));
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, env.err());
      env.err()
          .println(
              "Try '"
                  + ex.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help' for more information.");
      return code;
    }
  }

  /** A bug or broken infrastructure nobody typed: exit 1 with the stack trace on stderr. */
  static final class Unexpected implements CommandLine.IExecutionExceptionHandler {
    private final CliEnvironment env;

    Unexpected(CliEnvironment env) {
      this.env = env;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine line, ParseResult parsed) {
      env.err().println("sleigh: internal: " + ex);
      ex.printStackTrace(env.err());
      if (parsed.originalArgs().contains("--json")) {
        var view = new ErrorView("internal", String.valueOf(ex), false, null, List.of());
        env.out().println(ViewJson.write(new ErrorView.Document(view)));
      }
      return ExitCodes.FAILURE;
    }
  }
}
