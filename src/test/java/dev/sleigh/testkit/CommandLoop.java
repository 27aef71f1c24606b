package dev.sleigh.testkit;

import dev.sleigh.domain.Phase;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.domain.Workflow;
import dev.sleigh.lifecycle.Claim;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.lifecycle.LeaseToken;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.jdbc.Stores;
import java.time.Duration;
import java.time.InstantSource;
import java.util.SplittableRandom;

/**
 * A child process that writes to a store as fast as it can, printing a line per finished iteration,
 * until it is killed. Arguments: store URL, id prefix.
 */
public final class CommandLoop {
  private CommandLoop() {}

  public static void main(String[] args) {
    String url = args[0];
    String prefix = args[1];
    try (CommissionStore store = Stores.open(url, InstantSource.system(), new SplittableRandom())) {
      System.out.println("ready");
      System.out.flush();
      for (int i = 0; ; i++) {
        String id = prefix + i;
        store.intake(Fixtures.commission(id), "create").orThrow();
        var claimed =
            store
                .claim(
                    new Claim(
                        "loop", Duration.ofMinutes(5), Workflow.DEFAULT, RetryPolicy.DEFAULT, id))
                .orElseThrow();
        LeaseToken lease = claimed.token();
        int n = 0;
        for (Phase p : Phase.values()) {
          store.execute(new Command.PhaseStarted(id, lease, "s" + n++, p, 1)).orThrow();
          store.execute(new Command.PhasePassed(id, lease, "p" + n++, p, 1)).orThrow();
        }
        store.execute(new Command.Complete(id, lease, "done", Workflow.DEFAULT, false)).orThrow();
        System.out.println("done " + i);
        System.out.flush();
      }
    }
  }
}
