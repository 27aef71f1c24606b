package dev.sleigh.cli.plan;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.CliFailure;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.StoreVerb;
import dev.sleigh.config.PlanFileReader;
import dev.sleigh.config.RevisionResolver;
import dev.sleigh.domain.Decision;
import dev.sleigh.domain.Plan;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.Plans;
import dev.sleigh.view.PlanView;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sleigh plan apply -f FILE}: every commission of one plan revision in one transaction, or
 * none. The revision applied last, again, is a no-op that says so.
 */
@Command(
    name = "apply",
    description =
        "Apply a plan file: create (or replace, for a new revision) its commissions, all or"
            + " nothing.")
final class PlanApplyCommand extends StoreVerb {
  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "The plan file (id, revision, defaults, entries).")
  Path file;

  PlanApplyCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected boolean createsStore() {
    return true;
  }

  @Override
  protected int execute(CommissionStore store) {
    Plan plan = read(store);
    Plans.Applied applied = store.plans().apply(plan);
    output()
        .result(
            PlanView.Applied.of(applied),
            out -> {
              if (!applied.changed()) {
                out.println(
                    "plan "
                        + applied.planId()
                        + " revision "
                        + applied.revision()
                        + " is already applied; nothing changed");
                return;
              }
              for (Plans.Change c : applied.changes()) {
                out.println(
                    "%-10s %s: %s%s"
                        .formatted(
                            c.action(),
                            c.entry(),
                            c.commissionId(),
                            c.action().equals("replaced")
                                ? " (cancelled " + c.replaced() + ")"
                                : ""));
              }
              out.println(
                  "plan " + applied.planId() + " revision " + applied.revision() + " applied");
            });
    return ExitCodes.OK;
  }

  private Plan read(CommissionStore store) {
    Path path = env.resolve(file);
    if (!Files.isRegularFile(path)) {
      throw CliFailure.invalid("-f: no such file: " + path);
    }
    RevisionResolver resolver = id -> store.decisions().find(id).map(Decision::revision);
    try {
      return new PlanFileReader(options.maxFileSize()).read(path, resolver);
    } catch (UncheckedIOException e) {
      throw CliFailure.invalid("-f: cannot read " + path + ": " + e.getCause().getMessage());
    }
  }
}
