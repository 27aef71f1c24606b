package dev.sleigh.cli.bench;

import dev.sleigh.domain.Commission;
import java.util.List;

/** The commissions the benches seed and drive: one shape, told apart by id. */
final class BenchCommissions {
  private BenchCommissions() {}

  /** A commission of the bench's decision at {@code revision}. */
  static Commission of(String id, String revision) {
    return of(id, "dec-bench", revision, "/tmp/bench-repo");
  }

  /** A bench commission of decision {@code decision} at {@code revision} on {@code repo}. */
  static Commission of(String id, String decision, String revision, String repo) {
    return new Commission(
        id,
        "Bench " + id,
        new Commission.DecisionRef(decision, revision),
        null,
        new Commission.Repo(repo, null, "main"),
        new Commission.Scope(List.of("src/**"), List.of(), List.of()),
        List.of(),
        null,
        null,
        null,
        List.of(),
        Commission.DEFAULT_PRIORITY,
        null,
        "");
  }
}
