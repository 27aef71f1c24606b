package dev.sleigh.cli.delivery;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.CliFailure;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.RunSetup;
import dev.sleigh.cli.common.StoreVerb;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.view.ErrorView;
import dev.sleigh.view.ViewJson;
import dev.sleigh.workspace.Git;
import dev.sleigh.workspace.Workspace;
import dev.sleigh.workspace.WorkspaceException;
import dev.sleigh.workspace.Workspaces;
import java.util.List;

/**
 * A command on commission workspaces (result, diff, apply, gc): finds them under the configured
 * {@code workspace.root} and reports a git or file-system failure as exit 1 with its message.
 */
abstract class DeliveryVerb extends StoreVerb {
  protected final Git git = new Git();

  protected DeliveryVerb(CliEnvironment env) {
    super(env);
  }

  protected abstract int execute(CommissionStore store, Workspaces workspaces);

  @Override
  protected final int execute(CommissionStore store) {
    Workspaces workspaces =
        new Workspaces(RunSetup.config(env, options, options.home(env)).workspace().root(), git);
    try {
      return execute(store, workspaces);
    } catch (WorkspaceException e) {
      return refusal("workspace_error", e.getMessage(), ExitCodes.FAILURE);
    }
  }

  /** The commission's change from its checkpoint or its workspace here; not found without both. */
  protected static DeliverySource.Change requireChange(
      DeliverySource source,
      CommissionStore store,
      dev.sleigh.domain.CommissionRecord record,
      Workspaces workspaces) {
    return source
        .change(store, record, workspaces)
        .orElseThrow(
            () ->
                CliFailure.notFound(
                    "commission '"
                        + record.id()
                        + "' has no checkpoint in the store and no workspace under "
                        + workspaces.root()
                        + ": it never finished an agent turn, or gc removed both"));
  }

  protected static Workspace requireWorkspace(Workspaces workspaces, String id) {
    return workspaces
        .find(id)
        .orElseThrow(
            () ->
                CliFailure.notFound(
                    "commission '"
                        + id
                        + "' has no workspace under "
                        + workspaces.root()
                        + ": it never reached execute, or gc"
                        + " removed it"));
  }

  /** Reports a refusal that has no store error code: {@code sleigh: <code>: <message>}. */
  protected int refusal(String code, String message, int exit) {
    env.err().println("sleigh: " + code + ": " + message);
    env.err().flush();
    if (options.json()) {
      env.out()
          .println(
              ViewJson.write(
                  new ErrorView.Document(new ErrorView(code, message, false, null, List.of()))));
      env.out().flush();
    }
    return exit;
  }
}
