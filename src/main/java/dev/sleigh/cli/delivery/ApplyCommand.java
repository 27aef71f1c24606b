package dev.sleigh.cli.delivery;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.CliFailure;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.lifecycle.Command.RecordApplied;
import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.lifecycle.StoreError;
import dev.sleigh.runtime.ChangeDelivery;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.view.ApplyView;
import dev.sleigh.workspace.DeliveryOutcome;
import dev.sleigh.workspace.Workspaces;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sleigh apply ID [--branch B]}: commits a completed commission's change as one commit on a
 * new branch of its repository, after checking the scope again. A refusal (not completed, scope,
 * dirty target, existing branch, a diff that does not apply) changes nothing, in the target or in
 * the commission, and exits 4.
 */
@Command(
    name = "apply",
    description =
        "Commit a completed commission's change as one commit on"
            + " a new branch (default sleigh/<id>) of its repository, without touching the checkout.")
public final class ApplyCommand extends DeliveryVerb {
  static final Set<CommissionState> APPLICABLE =
      Set.of(CommissionState.COMPLETED, CommissionState.COMPLETED_WITH_PROJECTION_DEBT);

  @Parameters(index = "0", paramLabel = "ID", description = "The commission.")
  String id;

  @Option(
      names = "--branch",
      paramLabel = "B",
      description = "The branch to create (default: sleigh/<id>); it must not exist yet.")
  String branch;

  ApplyCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute(CommissionStore store, Workspaces workspaces) {
    CommissionRecord record = require(store, id);
    if (!APPLICABLE.contains(record.state())) {
      throw new CliFailure(
          new StoreError(
              ErrorCode.LIFECYCLE_FORBIDDEN,
              "apply needs a completed" + " commission; " + id + " is " + record.state().wire(),
              record.state(),
              APPLICABLE));
    }
    ChangeDelivery.Outcome outcome;
    try (DeliverySource source = new DeliverySource(git)) {
      DeliverySource.Change change = requireChange(source, store, record, workspaces);
      outcome = new ChangeDelivery(git).deliver(record.spec(), change.snapshot(), branch);
    }
    return switch (outcome) {
      case ChangeDelivery.Outcome.Applied(var applied) -> {
        if (applied.created()) {
          store
              .execute(
                  new RecordApplied(id, operatorCommandId(), applied.branch(), applied.commit()))
              .orThrow();
        }
        yield report(applied);
      }
      case ChangeDelivery.Outcome.Refused refused ->
          refusal(
              refused.refusal().wire(),
              refused.message(),
              switch (refused.meaning().operatorFault()) {
                case USAGE -> ExitCodes.USAGE;
                case CONFLICT -> ExitCodes.CONFLICT;
              });
    };
  }

  private int report(DeliveryOutcome.Applied applied) {
    ApplyView view =
        new ApplyView(
            id, applied.branch(), applied.commit(), applied.baseCommit(), applied.created());
    output()
        .result(
            view,
            out ->
                out.println(
                    (applied.created() ? "applied " : "already applied ")
                        + id
                        + ": branch "
                        + applied.branch()
                        + " at "
                        + applied.commit()
                        + " (one commit on "
                        + applied.baseCommit()
                        + ")"));
    return ExitCodes.OK;
  }
}
