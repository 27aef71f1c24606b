package dev.sleigh.cli.delivery;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.RunSetup;
import dev.sleigh.cli.text.ResultText;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.view.ResultFacts;
import dev.sleigh.view.ResultView;
import dev.sleigh.workspace.Diffs;
import dev.sleigh.workspace.WorkspaceException;
import dev.sleigh.workspace.Workspaces;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sleigh result ID}: how a commission ended and what it produced, from the store and its
 * workspace only: state and reason (for a failure: the retry budget that ran out, the last failed
 * attempt, the tail of its output and each attempt's log file), phases with attempts and durations,
 * evidence, approvals, tokens, the changed files with a diff stat, and the runs.
 */
@Command(
    name = "result",
    description =
        "Show what a commission did: phases, evidence,"
            + " approvals, tokens, changed files, and why it ended.")
public final class ResultCommand extends DeliveryVerb {
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
    try (DeliverySource source = new DeliverySource(git)) {
      ResultView view =
          ResultView.of(
              facts,
              changes(store, record, workspaces, source),
              retryPolicy(),
              AttemptLogFiles.of(options.home(env).resolve("logs"), record));
      output().result(view, out -> ResultText.print(out, view));
    }
    return ExitCodes.OK;
  }

  /** The retry budget a failure is judged against: the configured one. */
  private RetryPolicy retryPolicy() {
    return RunSetup.config(env, options, options.home(env)).retry();
  }

  /**
   * The change from the latest checkpoint or the workspace here; null without either, or when it
   * cannot be read (said so).
   */
  private ResultView.ChangesView changes(
      CommissionStore store,
      CommissionRecord record,
      Workspaces workspaces,
      DeliverySource source) {
    try {
      Optional<DeliverySource.Change> change = source.change(store, record, workspaces);
      if (change.isEmpty()) {
        return null;
      }
      Diffs diffs = new Diffs(git);
      return ResultChanges.of(change.get(), diffs.files(change.get().snapshot()));
    } catch (WorkspaceException e) {
      output().note("sleigh: the change of " + id + " could not be read: " + e.getMessage());
      return null;
    }
  }
}
