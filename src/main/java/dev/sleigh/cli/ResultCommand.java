package dev.sleigh.cli;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.view.ResultFacts;
import dev.sleigh.view.ResultView;
import dev.sleigh.workspace.Diffs;
import dev.sleigh.workspace.Workspace;
import dev.sleigh.workspace.WorkspaceException;
import dev.sleigh.workspace.Workspaces;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sleigh result ID}: how a commission ended and what it produced, from the store and its
 * workspace only: state and reason, phases with attempts and durations, evidence, approvals,
 * tokens, the changed files with a diff stat, and the runs.
 */
@Command(
    name = "result",
    description =
        "Show what a commission did: phases, evidence,"
            + " approvals, tokens, changed files, and why it ended.")
final class ResultCommand extends DeliveryVerb {
  @Parameters(index = "0", paramLabel = "ID", description = "The commission.")
  String id;

  ResultCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute(CommissionStore store, Workspaces workspaces) {
    CommissionRecord record = require(store, id);
    ResultFacts facts =
        new ResultFacts(record, store.events(id, 0), store.evidence(id), store.runs(id));
    ResultView view = ResultView.of(facts, changes(workspaces));
    output().result(view, out -> ResultText.print(out, view));
    return ExitCodes.OK;
  }

  /** The workspace's changes; null without a workspace, or when it cannot be read (said so). */
  private ResultView.ChangesView changes(Workspaces workspaces) {
    Optional<Workspace> workspace = workspaces.find(id);
    if (workspace.isEmpty()) {
      return null;
    }
    try {
      Diffs diffs = new Diffs(git);
      return ResultChanges.of(workspace.get(), diffs.files(diffs.snapshot(workspace.get())));
    } catch (WorkspaceException e) {
      output().note("sleigh: the workspace of " + id + " could not be read: " + e.getMessage());
      return null;
    }
  }
}
