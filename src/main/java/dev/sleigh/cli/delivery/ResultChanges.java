package dev.sleigh.cli.delivery;

import dev.sleigh.view.ResultView.ChangesView;
import dev.sleigh.view.ResultView.FileView;
import dev.sleigh.workspace.Diffs.FileChange;
import java.util.List;

/** The changed files of a commission as the result view shows them, with the diff stat. */
final class ResultChanges {
  private ResultChanges() {}

  static ChangesView of(DeliverySource.Change change, List<FileChange> changes) {
    long insertions = 0;
    long deletions = 0;
    for (FileChange c : changes) {
      insertions += c.added() == null ? 0 : c.added();
      deletions += c.deleted() == null ? 0 : c.deleted();
    }
    List<FileView> files =
        changes.stream()
            .map(c -> new FileView(c.path(), c.status(), c.added(), c.deleted()))
            .toList();
    return new ChangesView(
        change.where(),
        change.snapshot().baseCommit(),
        files.size(),
        insertions,
        deletions,
        files,
        change.checkpoint());
  }
}
