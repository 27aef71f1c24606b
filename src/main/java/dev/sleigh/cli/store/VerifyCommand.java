package dev.sleigh.cli.store;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.Verb;
import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.CommissionStore.VerifyProblem;
import dev.sleigh.store.IntegrityReport;
import dev.sleigh.store.StoreException;
import dev.sleigh.store.jdbc.Stores;
import dev.sleigh.view.VerifyView;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sleigh verify}: the database's own integrity check, then every commission's row must be
 * what its events say. Damage is a finding (exit 1, named), never a reason to stop early: a store
 * too damaged to open or replay is reported as such.
 */
@Command(
    name = "verify",
    description =
        "Check the store: the database's own integrity check, and every commission's state"
            + " explained by its events.")
public final class VerifyCommand extends Verb {

  @Option(
      names = "--quick",
      description = "The cheaper database check (SQLite quick_check; amcheck without heap checks).")
  boolean quick;

  VerifyCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute() {
    VerifyView view;
    String url = options.storeUrl(env);
    try (CommissionStore store = Stores.openExisting(url, env.clock(), env.random())) {
      view = audit(store);
    } catch (StoreException e) {
      if (e.error().code() != ErrorCode.STORE_CORRUPT) {
        throw e;
      }
      // Too damaged to open: the header or the schema cannot be read.
      view =
          VerifyView.of(
              0, List.of(), IntegrityReport.damaged(method(url), List.of(e.error().message())));
    }
    return print(view);
  }

  private String method(String url) {
    return !url.startsWith("jdbc:sqlite:") ? "amcheck" : quick ? "quick_check" : "integrity_check";
  }

  private VerifyView audit(CommissionStore store) {
    IntegrityReport integrity = store.checkIntegrity(quick);
    int checked = 0;
    List<VerifyProblem> problems = List.of();
    try {
      checked = store.list(Optional.empty()).size();
      problems = store.verify();
    } catch (StoreException e) {
      if (e.error().code() != ErrorCode.STORE_CORRUPT) {
        throw e;
      }
      integrity = integrity.with("the event log could not be replayed: " + e.error().message());
    }
    return VerifyView.of(checked, problems, integrity);
  }

  private int print(VerifyView view) {
    output()
        .result(
            view,
            out -> {
              VerifyView.IntegrityView db = view.integrity();
              db.problems().forEach(p -> out.println("store (" + db.method() + "): " + p));
              view.problems().forEach(p -> out.println(p.commissionId() + ": " + p.problem()));
              if (db.note() != null) {
                out.println((db.checked() ? "note: " : "not checked: ") + db.note());
              }
              out.println(summary(view));
            });
    return view.ok() ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  private static String summary(VerifyView view) {
    VerifyView.IntegrityView db = view.integrity();
    String check =
        !db.checked()
            ? "the database's own check did not run"
            : db.ok()
                ? "the database's " + db.method() + " found nothing"
                : "the database's "
                    + db.method()
                    + " found "
                    + db.problems().size()
                    + " problem(s)";
    if (view.ok()) {
      return "ok: "
          + view.commissionsChecked()
          + " commissions, every state explained by its events; "
          + check;
    }
    return view.problems().size()
        + " problem(s) in "
        + view.commissionsChecked()
        + " commissions; "
        + check;
  }
}
