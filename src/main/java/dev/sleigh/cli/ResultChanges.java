package dev.sleigh.cli;

import dev.sleigh.view.ResultView.ChangesView;
import dev.sleigh.view.ResultView.FileView;
import dev.sleigh.workspace.Diffs.FileChange;
import dev.sleigh.workspace.Workspace;
import java.util.List;

/** The changed files of a workspace as the result view shows them, with the diff stat. */
final class ResultChanges {
  private ResultChanges() {}

  static ChangesView of(Workspace workspace, List<FileChange> changes) {
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
        workspace.path().toString(),
        workspace.baseCommit(),
        files.size(),
        insertions,
        deletions,
        files);
  }
}
