package dev.sleigh.cli.decision;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.store.CommissionStore;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sleigh decision add --id ID --title T [--body-file F]}. */
@Command(name = "add", description = "Add a decision; its first revision gets a hash.")
final class DecisionAddCommand extends DecisionVerb {
  @Option(names = "--id", required = true, paramLabel = "ID", description = "The decision's id.")
  String id;

  @Option(names = "--title", required = true, paramLabel = "T", description = "A one-line title.")
  String title;

  @Option(names = "--body-file", paramLabel = "F", description = "A file holding the body text.")
  Path bodyFile;

  DecisionAddCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected boolean createsStore() {
    return true;
  }

  @Override
  protected int execute(CommissionStore store) {
    String body = readBody(bodyFile);
    return print("added", store.decisions().add(id, title, body));
  }
}
