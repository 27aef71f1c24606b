package dev.sleigh.cli.decision;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.store.CommissionStore;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sleigh decision revise ID [--title T] [--body-file F]}: a new revision, a new hash. */
@Command(name = "revise", description = "Add a revision to a decision; it gets a new hash.")
final class DecisionReviseCommand extends DecisionVerb {
  @Parameters(index = "0", paramLabel = "ID", description = "The decision to revise.")
  String id;

  @Option(names = "--title", paramLabel = "T", description = "A new title (default: unchanged).")
  String title;

  @Option(
      names = "--body-file",
      paramLabel = "F",
      description = "A file holding the new body (default: unchanged).")
  Path bodyFile;

  DecisionReviseCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute(CommissionStore store) {
    String body = readBody(bodyFile);
    return print("revised", store.decisions().revise(id, title, body));
  }
}
