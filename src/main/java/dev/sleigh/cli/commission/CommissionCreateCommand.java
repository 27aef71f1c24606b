package dev.sleigh.cli.commission;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.CliFailure;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.StoreVerb;
import dev.sleigh.config.CommissionFileReader;
import dev.sleigh.config.RevisionResolver;
import dev.sleigh.domain.Commission;
import dev.sleigh.domain.Decision;
import dev.sleigh.store.CommandResult;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.view.IntakeView;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sleigh commission create -f FILE}: every commission of the file, or none. The same
 * commission again is a no-op; different content under an existing id is an intake conflict.
 */
@Command(name = "create", description = "Create the commissions of a YAML file, all or nothing.")
final class CommissionCreateCommand extends StoreVerb {
  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "The commission file (one commission, or 'commissions:' with a list).")
  Path file;

  CommissionCreateCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected boolean createsStore() {
    return true;
  }

  @Override
  protected int execute(CommissionStore store) {
    List<Commission> commissions = read(store);
    List<CommandResult> results = store.intakeAll(commissions);
    List<IntakeView> views = new ArrayList<>();
    for (CommandResult result : results) {
      CommandResult.Done done = result.orThrow();
      views.add(new IntakeView(done.record().id(), done.record().state().wire(), done.applied()));
    }
    output()
        .result(
            new IntakeView.Listing(views),
            out ->
                views.forEach(
                    v ->
                        out.println(
                            (v.created() ? "created   " : "unchanged ")
                                + v.id()
                                + " ("
                                + v.state()
                                + ")")));
    return ExitCodes.OK;
  }

  private List<Commission> read(CommissionStore store) {
    Path path = env.resolve(file);
    if (!Files.isRegularFile(path)) {
      throw CliFailure.invalid("-f: no such file: " + path);
    }
    RevisionResolver resolver = id -> store.decisions().find(id).map(Decision::revision);
    try {
      return new CommissionFileReader(options.maxFileSize()).read(path, resolver);
    } catch (UncheckedIOException e) {
      throw CliFailure.invalid("-f: cannot read " + path + ": " + e.getCause().getMessage());
    }
  }
}
