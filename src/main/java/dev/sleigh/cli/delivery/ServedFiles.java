package dev.sleigh.cli.delivery;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.http.CommissionFiles;
import dev.sleigh.http.LogDirectory;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.view.CommissionDetailView.LogTailView;
import dev.sleigh.view.ResultView.ChangesView;
import dev.sleigh.workspace.Diffs;
import dev.sleigh.workspace.WorkspaceException;
import dev.sleigh.workspace.Workspaces;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the served detail of a commission shows from this host: its change as {@code sleigh result}
 * reads it (the latest checkpoint in the store, else the workspace here), and the tails of its logs
 * under the home.
 */
public final class ServedFiles implements CommissionFiles {
  private final CommissionStore store;
  private final Workspaces workspaces;
  private final LogDirectory logs;

  public ServedFiles(CommissionStore store, Workspaces workspaces, Path logDir) {
    this.store = store;
    this.workspaces = workspaces;
    this.logs = new LogDirectory(logDir);
  }

  @Override
  public Optional<ChangesView> changes(CommissionRecord commission) {
    try (DeliverySource source = new DeliverySource(workspaces.git())) {
      return source
          .change(store, commission, workspaces)
          .map(
              change ->
                  ResultChanges.of(change, new Diffs(workspaces.git()).files(change.snapshot())));
    } catch (WorkspaceException e) {
      // a change that cannot be read here is shown as none; `sleigh result` says why
      return Optional.empty();
    }
  }

  @Override
  public List<LogTailView> logTails(CommissionRecord commission) {
    return logs.logTails(commission);
  }
}
