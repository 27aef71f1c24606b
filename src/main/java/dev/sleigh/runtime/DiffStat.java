package dev.sleigh.runtime;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.Phase;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.workspace.BaseCommitMissingException;
import dev.sleigh.workspace.Diffs;
import dev.sleigh.workspace.WorkspaceException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The size of a completing commission's change, recorded as {@code diff_stat} evidence so that its
 * published outcome is built from the store alone, whichever runner publishes it and whenever.
 */
final class DiffStat {
  private static final Logger LOG = LoggerFactory.getLogger(DiffStat.class);

  private DiffStat() {}

  static void record(
      RunnerContext ctx,
      CompletedChange change,
      CommissionRecord record,
      Journal journal,
      int attempt) {
    List<Diffs.FileChange> files;
    try {
      files = new Diffs(ctx.workspaces().git()).files(change.get());
    } catch (WorkspaceException | BaseCommitMissingException e) {
      LOG.warn("{}: no diff stat for its projection: {}", record.id(), e.getMessage());
      return;
    }
    long insertions = 0;
    long deletions = 0;
    for (Diffs.FileChange f : files) {
      insertions += f.added() == null ? 0 : f.added();
      deletions += f.deleted() == null ? 0 : f.deleted();
    }
    journal.write(
        new Command.RecordEvidence(
            record.id(),
            journal.lease(),
            journal.commandId(Phase.MEASURE, attempt, "diff_stat"),
            Phase.MEASURE,
            attempt,
            "diff_stat",
            Map.of("files", files.size(), "insertions", insertions, "deletions", deletions)));
  }
}
