package dev.sleigh.cli.common;

import dev.sleigh.domain.CommissionRecord;
import dev.sleigh.domain.Ids;
import dev.sleigh.store.CommandResult;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.jdbc.Stores;
import dev.sleigh.view.CommandView;

/**
 * A command that works on the store: opens it for the length of the command and closes it. Only a
 * command that starts new work ({@link #createsStore()}) creates a store where there is none; every
 * other one says there is no store, so a mistyped home never shows an empty one.
 */
public abstract class StoreVerb extends Verb {

  protected StoreVerb(CliEnvironment env) {
    super(env);
  }

  protected abstract int execute(CommissionStore store);

  /** Whether this command may create the store: true only for those that start new work. */
  protected boolean createsStore() {
    return false;
  }

  @Override
  protected final int execute() {
    String url = options.storeUrl(env);
    try (CommissionStore store =
        createsStore()
            ? Stores.open(url, env.clock(), env.random())
            : Stores.openExisting(url, env.clock(), env.random())) {
      return execute(store);
    }
  }

  /** A fresh id for an operator command: {@code op-<ulid>}. */
  protected String operatorCommandId() {
    return new Ids(env.clock(), env.random()).next("op-");
  }

  protected static CommissionRecord require(CommissionStore store, String id) {
    return store.find(id).orElseThrow(() -> CliFailure.notFound("no commission '" + id + "'"));
  }

  /** Applies an operator command and prints the commission after it. */
  protected int report(String verb, CommandResult result) {
    CommandResult.Done done = result.orThrow();
    CommandView view = CommandView.of(done);
    output()
        .result(
            view,
            out -> {
              String what = done.applied() ? verb : "already " + verb;
              out.println(
                  what + " " + view.commission().id() + ": now " + view.commission().state());
            });
    return ExitCodes.OK;
  }
}
