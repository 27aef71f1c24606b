package dev.sleigh.runtime;

import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.jdbc.Stores;
import dev.sleigh.testkit.GitRepos;
import dev.sleigh.testkit.MutableClock;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runtime test over a real SQLite store in {@code dir/home} on a test clock, with a git
 * repository in {@code dir/repo} and decision {@code dec-a} at {@link #revision}.
 */
abstract class StoreAndRepoTest {
  @TempDir Path dir;
  final MutableClock clock = MutableClock.at("2026-11-24T10:00:00Z");
  CommissionStore store;
  Path repo;
  String revision;

  @BeforeEach
  void openStoreAndRepo() throws Exception {
    store = Stores.open(Stores.defaultUrl(dir.resolve("home")), clock, new SplittableRandom(5));
    repo = GitRepos.create(dir.resolve("repo"));
    revision = store.decisions().add("dec-a", "A", "").revision();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }
}
