package dev.sleigh.cli.projection;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.CliFailure;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.StoreVerb;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.Projections;
import dev.sleigh.view.ProjectionView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sleigh projection retry ID}: the projection is due now, a final error included; the next
 * runner tick publishes it.
 */
@Command(name = "retry", description = "Make an unpublished projection due now (final errors too).")
final class ProjectionRetryCommand extends StoreVerb {
  @Parameters(index = "0", paramLabel = "ID", description = "The commission id.")
  String id;

  ProjectionRetryCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute(CommissionStore store) {
    Projections projections = store.projections();
    var found = projections.find(id);
    if (found.isEmpty()) {
      throw CliFailure.notFound(
          "no projection for commission '"
              + id
              + "' (is it completed, with a projection_policy that publishes?)");
    }
    if (found.get().status() == Projections.Status.PUBLISHED) {
      throw CliFailure.invalid("the projection of '" + id + "' is published already");
    }
    projections.retry(id);
    ProjectionView view = ProjectionView.of(projections.find(id).orElseThrow());
    output()
        .result(
            view,
            out ->
                out.println(
                    id + ": projection due now; a running runner publishes it on its next tick"));
    return ExitCodes.OK;
  }
}
