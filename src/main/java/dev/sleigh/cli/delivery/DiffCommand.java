package dev.sleigh.cli.delivery;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.view.DiffView;
import dev.sleigh.workspace.Diffs;
import dev.sleigh.workspace.Workspaces;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sleigh diff ID}: the workspace's change against its base commit, untracked files and
 * binaries included, as the patch {@code apply} would commit. The workspace's own index is not
 * touched.
 */
@Command(
    name = "diff",
    description = "Print a commission's change against its base commit as a binary-safe patch.")
public final class DiffCommand extends DeliveryVerb {
  @Parameters(index = "0", paramLabel = "ID", description = "The commission.")
  String id;

  DiffCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute(CommissionStore store, Workspaces workspaces) {
    CommissionRecord record = require(store, id);
    try (DeliverySource source = new DeliverySource(git)) {
      DeliverySource.Change change = requireChange(source, store, record, workspaces);
      byte[] patch = new Diffs(git).patch(change.snapshot());
      DiffView view =
          new DiffView(
              id,
              change.snapshot().baseCommit(),
              new String(patch, StandardCharsets.UTF_8),
              change.checkpoint());
      // The bytes as git wrote them: a file in another encoding must reach a patch tool unchanged.
      output().result(view, out -> out.writeBytes(patch));
    }
    return ExitCodes.OK;
  }
}
