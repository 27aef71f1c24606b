package dev.sleigh.store.jdbc;

import static dev.sleigh.testkit.Fixtures.commission;
import static dev.sleigh.testkit.Fixtures.dependingOn;
import static dev.sleigh.testkit.Fixtures.inQueue;
import static dev.sleigh.testkit.Fixtures.withBody;
import static dev.sleigh.testkit.Fixtures.withPriority;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.EventType;
import dev.sleigh.domain.Plan;
import dev.sleigh.domain.RetryPolicy;
import dev.sleigh.domain.Workflow;
import dev.sleigh.lifecycle.Claim;
import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.Plans;
import dev.sleigh.store.StoreException;
import dev.sleigh.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Queues and plans on every database: one subclass per database. */
abstract class QueuesAndPlansContract {
  MutableClock clock;
  StoreHarness h;

  abstract String newStoreUrl();

  @BeforeEach
  void open() {
    clock = MutableClock.at("2026-11-24T10:00:00Z");
    h = new StoreHarness(Stores.open(newStoreUrl(), clock, new SplittableRandom(7)), clock);
  }

  @AfterEach
  void close() {
    h.store.close();
  }

  CommissionStore store() {
    return h.store;
  }

  private Optional<String> claimFrom(String queue) {
    return store()
        .claim(
            new Claim("runner-q", StoreHarness.TTL, Workflow.DEFAULT, RetryPolicy.DEFAULT, null)
                .inQueue(queue))
        .map(c -> c.record().id());
  }

  @Test
  void aClaimOfOneQueueTakesOnlyCommissionsOfThatQueue() {
    h.create(withPriority(commission("wc-first"), 1));
    h.create(inQueue(withPriority(commission("wc-gpu-late"), 4), "gpu"));
    clock.tick(Duration.ofSeconds(1));
    h.create(inQueue(withPriority(commission("wc-gpu-soon"), 2), "gpu"));

    assertThat(claimFrom("docs")).isEmpty();
    assertThat(claimFrom("gpu")).contains("wc-gpu-soon");
    assertThat(claimFrom("gpu")).contains("wc-gpu-late");
    assertThat(claimFrom("gpu")).isEmpty();
    assertThat(store().find("wc-first").orElseThrow().state()).isEqualTo(CommissionState.QUEUED);
    assertThat(claimFrom(null)).contains("wc-first");
  }

  @Test
  void aQueueIsPartOfTheCommissionAndOnlyANamedOneChangesItsSnapshot() {
    Commission plain = commission("wc-a");
    assertThat(plain.queue()).isEqualTo(Commission.DEFAULT_QUEUE);
    assertThat(plain.canonical()).doesNotContainKey("queue");
    assertThat(inQueue(plain, "gpu").snapshotHash()).isNotEqualTo(plain.snapshotHash());

    h.create(inQueue(plain, "gpu"));

    assertThat(store().find("wc-a").orElseThrow().spec().queue()).isEqualTo("gpu");
  }

  /** Plan {@code p} at {@code revision}: entries a, b (after a) and c (after b). */
  private static Plan plan(String revision, String bodyOfB) {
    List<Plan.Entry> entries = new ArrayList<>();
    entries.add(new Plan.Entry("a", commission("p.a")));
    entries.add(new Plan.Entry("b", withBody(dependingOn(commission("p.b"), "p.a"), bodyOfB)));
    entries.add(new Plan.Entry("c", dependingOn(commission("p.c"), "p.b")));
    return new Plan("p", revision, "plan.yaml", entries);
  }

  @Test
  void aPlanIsAppliedAllOrNothing() {
    h.create(withBody(commission("p.c"), "something else"));

    assertThatThrownBy(() -> store().plans().apply(plan("1", "b")))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> {
              assertThat(e.error().code()).isEqualTo(ErrorCode.INTAKE_CONFLICT);
              assertThat(e.getMessage()).contains("entry 'c'", "p.c");
            });

    assertThat(store().find("p.a")).isEmpty();
    assertThat(store().find("p.b")).isEmpty();
    assertThat(store().plans().find("p")).isEmpty();
  }

  @Test
  void theSameRevisionAgainChangesNothing() {
    Plans.Applied first = store().plans().apply(plan("1", "b"));
    Plans.Applied again = store().plans().apply(plan("1", "b"));

    assertThat(first.changed()).isTrue();
    assertThat(first.changes()).extracting(Plans.Change::action).containsOnly("created");
    assertThat(again.changed()).isFalse();
    assertThat(again.changes()).extracting(Plans.Change::action).containsOnly("unchanged");
    assertThat(store().events("p.a", 0)).hasSize(1);
    assertThat(store().find("p.c").orElseThrow().spec().dependsOn()).containsExactly("p.b");
    assertThat(store().plans().find("p").orElseThrow().entries())
        .extracting(Plans.Member::commissionId)
        .containsExactly("p.a", "p.b", "p.c");
  }

  @Test
  void theSameRevisionWithOtherContentIsRefused() {
    store().plans().apply(plan("1", "b"));

    assertThatThrownBy(() -> store().plans().apply(plan("1", "b changed")))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> {
              assertThat(e.error().code()).isEqualTo(ErrorCode.INTAKE_CONFLICT);
              assertThat(e.getMessage()).contains("revision 1", "new revision");
            });
    assertThat(store().find("p.b").orElseThrow().spec().body()).isEqualTo("b");
  }

  @Test
  void aNewRevisionReplacesEntriesNotStartedAndTheirDependants() {
    store().plans().apply(plan("1", "b"));
    h.claim("p.a");

    Plans.Applied applied = store().plans().apply(plan("2", "b, revised"));

    assertThat(applied.changes())
        .extracting(c -> c.entry() + " " + c.action() + " " + c.commissionId())
        .containsExactly("a unchanged p.a", "b replaced p.b.r2", "c replaced p.c.r2");
    assertThat(store().find("p.b").orElseThrow().state()).isEqualTo(CommissionState.CANCELLED);
    assertThat(store().find("p.c").orElseThrow().state()).isEqualTo(CommissionState.CANCELLED);
    assertThat(store().find("p.b.r2").orElseThrow().spec().dependsOn()).containsExactly("p.a");
    assertThat(store().find("p.c.r2").orElseThrow().spec().dependsOn()).containsExactly("p.b.r2");
    assertThat(store().plans().find("p").orElseThrow().revision()).isEqualTo("2");
  }

  @Test
  void aNewRevisionThatChangesStartedEntriesIsRefusedNamingThemAndChangesNothing() {
    store().plans().apply(plan("1", "b"));
    h.claim("p.a");
    List<Plan.Entry> changed = new ArrayList<>(plan("2", "b").entries());
    changed.set(0, new Plan.Entry("a", withBody(commission("p.a"), "a, revised")));

    assertThatThrownBy(() -> store().plans().apply(new Plan("p", "2", "plan.yaml", changed)))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> {
              assertThat(e.error().code()).isEqualTo(ErrorCode.LIFECYCLE_FORBIDDEN);
              assertThat(e.getMessage()).contains("entry 'a' (p.a, preflighting)");
            });
    assertThat(store().plans().find("p").orElseThrow().revision()).isEqualTo("1");
    assertThat(store().find("p.b").orElseThrow().state()).isEqualTo(CommissionState.QUEUED);
    assertThat(store().events("p.b", 0))
        .extracting(e -> e.type())
        .containsExactly(EventType.CREATED);
  }

  @Test
  void droppingAnEntryCancelsItsCommissionWhenItHasNotStarted() {
    store().plans().apply(plan("1", "b"));
    List<Plan.Entry> fewer = plan("2", "b").entries().subList(0, 2);

    Plans.Applied applied = store().plans().apply(new Plan("p", "2", "plan.yaml", fewer));

    assertThat(applied.changes())
        .extracting(c -> c.entry() + " " + c.action())
        .contains("c dropped");
    assertThat(store().find("p.c").orElseThrow().state()).isEqualTo(CommissionState.CANCELLED);
    assertThat(store().plans().find("p").orElseThrow().entries()).hasSize(2);
  }
}
