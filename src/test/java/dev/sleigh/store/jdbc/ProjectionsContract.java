package dev.sleigh.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Phase;
import dev.sleigh.domain.Workflow;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.lifecycle.LeaseToken;
import dev.sleigh.store.Projections;
import dev.sleigh.testkit.Fixtures;
import dev.sleigh.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The projections table against a real store: a completion that publishes opens a row in its own
 * transaction, runners take due rows one at a time, failures and publications move it, and an
 * operator's retry makes a final one due again.
 */
abstract class ProjectionsContract {
  private MutableClock clock;
  private StoreHarness h;

  abstract String newStoreUrl();

  @BeforeEach
  void open() {
    clock = MutableClock.at("2026-11-24T10:00:00Z");
    h = new StoreHarness(Stores.open(newStoreUrl(), clock, new SplittableRandom(3)), clock);
  }

  @AfterEach
  void close() {
    h.store.close();
  }

  private void complete(String id, Commission.ProjectionPolicy policy) {
    Commission c = Fixtures.commission(id);
    h.create(
        new Commission(
            c.id(),
            c.title(),
            c.decision(),
            c.problemCardRef(),
            c.repo(),
            c.scope(),
            c.evidence(),
            c.validUntil(),
            c.deliveryPolicy(),
            policy,
            c.dependsOn(),
            c.priority(),
            c.autonomy(),
            c.body()));
    LeaseToken l = h.running(id);
    for (Phase p : List.of(Phase.FRAME, Phase.EXECUTE, Phase.MEASURE)) {
      h.start(id, l, p, 1);
      h.pass(id, l, p, 1);
    }
    h.store
        .execute(
            new Command.Complete(
                id,
                l,
                h.nextCommandId(),
                Workflow.DEFAULT,
                policy == Commission.ProjectionPolicy.EXTERNAL_REQUIRED))
        .orThrow();
  }

  private Projections projections() {
    return h.store.projections();
  }

  @Test
  void onlyPublishingPoliciesOpenAProjectionAndARunnerTakesEachOnce() {
    complete("wc-local", Commission.ProjectionPolicy.LOCAL_ONLY);
    complete("wc-req", Commission.ProjectionPolicy.EXTERNAL_REQUIRED);
    assertThat(projections().list())
        .extracting(Projections.Projection::commissionId)
        .containsExactly("wc-req");
    assertThat(h.record("wc-req").state())
        .isEqualTo(CommissionState.COMPLETED_WITH_PROJECTION_DEBT);
    var taken = projections().take(4, Duration.ofMinutes(1));
    assertThat(taken).singleElement().satisfies(p -> assertThat(p.debt()).isTrue());
    assertThat(projections().take(4, Duration.ofMinutes(1))).isEmpty();
    clock.tick(Duration.ofMinutes(2));
    assertThat(projections().take(4, Duration.ofMinutes(1))).hasSize(1);
  }

  @Test
  void aFailureSchedulesOrFinalisesAndAPublicationPaysTheDebt() {
    complete("wc-req", Commission.ProjectionPolicy.EXTERNAL_REQUIRED);
    var failure = List.<Map<String, Object>>of(Map.of("target", "gh", "reason", "HTTP 401"));
    h.store
        .execute(
            new Command.RecordProjection(
                "wc-req",
                "p1",
                new Command.ProjectionOutcome.Failed(List.of("hook"), failure, null)))
        .orThrow();
    var p = projections().find("wc-req").orElseThrow();
    assertThat(p.status()).isEqualTo(Projections.Status.FINAL);
    assertThat(p.attempts()).isEqualTo(1);
    assertThat(p.published()).containsExactly("hook");
    assertThat(p.lastError()).isEqualTo("gh: HTTP 401");
    assertThat(projections().take(4, Duration.ofMinutes(1))).isEmpty();
    assertThat(projections().retry("wc-req")).isTrue();
    assertThat(projections().take(4, Duration.ofMinutes(1))).hasSize(1);
    h.store
        .execute(
            new Command.RecordProjection(
                "wc-req", "p2", new Command.ProjectionOutcome.Published(List.of("gh"))))
        .orThrow();
    p = projections().find("wc-req").orElseThrow();
    assertThat(p.status()).isEqualTo(Projections.Status.PUBLISHED);
    assertThat(p.published()).containsExactly("hook", "gh");
    assertThat(h.record("wc-req").state()).isEqualTo(CommissionState.COMPLETED);
    assertThat(projections().retry("wc-req")).isFalse();
  }
}
