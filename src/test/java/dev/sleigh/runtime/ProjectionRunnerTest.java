package dev.sleigh.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sleigh.config.ProjectionSettings;
import dev.sleigh.config.ProjectionTemplate;
import dev.sleigh.domain.CanonicalJson;
import dev.sleigh.domain.Commission;
import dev.sleigh.domain.CommissionState;
import dev.sleigh.domain.Event;
import dev.sleigh.domain.EventType;
import dev.sleigh.runtime.projection.FactPacket;
import dev.sleigh.runtime.projection.ProjectionDesk;
import dev.sleigh.store.Projections;
import dev.sleigh.testkit.FakeTrackers;
import dev.sleigh.testkit.Fixtures;
import dev.sleigh.view.StatusReport;
import dev.sleigh.view.StatusView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Projections end to end on one machine: a real SQLite store, real git, a real agent process and
 * the runner's own tick on a test clock, publishing to a webhook receiver and fake GitHub and
 * Linear APIs on loopback.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProjectionRunnerTest extends StoreAndRepoTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TTL = Duration.ofSeconds(30);
  private static final Map<String, String> ENV =
      Map.of("HOOK_SECRET", "hook-secret", "GH_TOKEN", "gh-token", "LINEAR_TOKEN", "lin-token");

  private FakeTrackers trackers;
  private Path agent;

  @BeforeEach
  void startTrackers() throws Exception {
    trackers = new FakeTrackers();
    agent = dir.resolve("agent.sh");
    Files.writeString(agent, "#!/bin/bash\necho hello > src/out.txt\n");
    agent.toFile().setExecutable(true);
  }

  @AfterEach
  void stopTrackers() {
    trackers.close();
  }

  private ProjectionSettings.Webhook webhook() {
    return new ProjectionSettings.Webhook("hook", trackers.url("hook"), "HOOK_SECRET");
  }

  private ProjectionSettings.GitHub github() {
    return new ProjectionSettings.GitHub(
        "github", trackers.url("github"), "acme/app", "GH_TOKEN", List.of("sleigh"));
  }

  private Runner runner(ProjectionSettings.Target... targets) {
    ProjectionSettings s =
        new ProjectionSettings(
            List.of(targets),
            ProjectionSettings.NONE.template(),
            Duration.ofSeconds(30),
            Duration.ofMinutes(10),
            Duration.ofSeconds(10));
    return TestRunners.projectingRunner(
        store,
        clock,
        dir.resolve("home"),
        List.of(agent.toString()),
        TTL,
        new ProjectionDesk.Setup(s, ENV));
  }

  private Commission commission(String id, Commission.ProjectionPolicy policy, String ref) {
    Commission c = Fixtures.withProblemCard(Fixtures.onRepo(id, revision, repo), ref);
    return new Commission(
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
        c.body());
  }

  /** Ticks until nothing is in flight: every claimed commission has run to its end. */
  private static void settle(Runner runner) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    runner.tick();
    while (runner.inFlight() > 0) {
      assertThat(System.nanoTime()).as("the run did not end").isLessThan(deadline);
      runner.awaitChange(Duration.ofMillis(200));
      runner.tick();
    }
  }

  /** Moves the clock past the poll interval and ticks once. */
  private void later(Runner runner, Duration by) throws InterruptedException {
    clock.tick(by);
    settle(runner);
  }

  private List<EventType> types(String id) {
    return store.events(id, 0).stream().map(Event::type).toList();
  }

  @Test
  void publishedPacketsMatchTheStoreOnEveryTarget() throws Exception {
    store.intake(commission("wc-gh", Commission.ProjectionPolicy.EXTERNAL_OPTIONAL, "#7"), "c");
    store.intake(commission("wc-lin", Commission.ProjectionPolicy.EXTERNAL_REQUIRED, "ENG-7"), "c");
    var linear =
        new ProjectionSettings.Linear("linear", trackers.url("linear"), "LINEAR_TOKEN", "Done");
    try (Runner runner = runner(webhook(), github(), linear)) {
      settle(runner);
      assertThat(store.find("wc-lin").orElseThrow().state())
          .isEqualTo(CommissionState.COMPLETED_WITH_PROJECTION_DEBT);
      later(runner, Duration.ofSeconds(1));
    }
    for (String id : List.of("wc-gh", "wc-lin")) {
      assertThat(store.find(id).orElseThrow().state()).isEqualTo(CommissionState.COMPLETED);
      assertThat(types(id)).endsWith(EventType.PROJECTION_PUBLISHED);
      assertThat(store.projections().find(id).orElseThrow().status())
          .isEqualTo(Projections.Status.PUBLISHED);
    }
    // the webhook's body is the packet the store gives now, signed with the secret
    Map<String, Object> packet = FactPacket.of(store, "wc-gh");
    String text = ProjectionTemplate.render(ProjectionSettings.NONE.template(), packet);
    Map<String, Object> expected = new TreeMap<>();
    expected.put("commission_id", "wc-gh");
    expected.put("packet", packet);
    expected.put("text", text);
    var hook =
        trackers.requests("hook").stream()
            .filter(r -> r.body().contains("\"commission_id\":\"wc-gh\""))
            .findFirst()
            .orElseThrow();
    assertThat(hook.body()).isEqualTo(CanonicalJson.write(expected));
    assertThat(hook.header("X-Sleigh-Signature")).isEqualTo("sha256=" + hmac(hook.body()));
    assertThat(packet)
        .containsEntry("state", "completed")
        .containsKeys("phases", "evidence", "diff_stat", "completed_at");
    assertThat(text).contains("wc-gh").contains("completed");
    // GitHub: a comment with the rendered text on acme/app#7, then the label
    var gh = trackers.requests("github");
    assertThat(gh)
        .extracting(FakeTrackers.Request::path)
        .containsExactly(
            "/github/repos/acme/app/issues/7/comments", "/github/repos/acme/app/issues/7/labels");
    assertThat(gh.getFirst().header("Authorization")).isEqualTo("Bearer gh-token");
    assertThat(JSON.readTree(gh.getFirst().body()).get("body").asText()).isEqualTo(text);
    // Linear: the issue looked up, commented on and moved to Done
    var lin = trackers.requests("linear");
    assertThat(lin).hasSize(3);
    assertThat(lin.get(0).header("Authorization")).isEqualTo("lin-token");
    assertThat(JSON.readTree(lin.get(1).body()).at("/variables/body").asText())
        .isEqualTo(
            ProjectionTemplate.render(
                ProjectionSettings.NONE.template(), FactPacket.of(store, "wc-lin")));
    assertThat(JSON.readTree(lin.get(2).body()).at("/variables/stateId").asText())
        .isEqualTo("state-done");
  }

  @Test
  void aRequiredProjectionWithItsTargetDownIsADebtThatDependantsRunPastAndIsPaidLater()
      throws Exception {
    trackers.answer("hook", 503, Map.of());
    store.intake(commission("wc-a", Commission.ProjectionPolicy.EXTERNAL_REQUIRED, null), "c");
    store.intake(Fixtures.dependingOn(Fixtures.onRepo("wc-b", revision, repo), "wc-a"), "c");
    try (Runner runner = runner(webhook())) {
      settle(runner);
      assertThat(store.find("wc-a").orElseThrow().state())
          .isEqualTo(CommissionState.COMPLETED_WITH_PROJECTION_DEBT);
      later(runner, Duration.ofSeconds(1));
      later(runner, Duration.ofSeconds(1));
    }
    assertThat(store.find("wc-b").orElseThrow().state()).isEqualTo(CommissionState.COMPLETED);
    assertThat(store.find("wc-a").orElseThrow().state())
        .isEqualTo(CommissionState.COMPLETED_WITH_PROJECTION_DEBT);
    assertThat(types("wc-a")).contains(EventType.PROJECTION_FAILED);
    var debt = store.projections().find("wc-a").orElseThrow();
    assertThat(debt.status()).isEqualTo(Projections.Status.PENDING);
    assertThat(debt.lastError()).contains("HTTP 503");
    StatusView status =
        StatusReport.of(store, clock, dev.sleigh.view.StatusSettings.withDefaultGate(TTL));
    assertThat(status.projections())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.debt()).isTrue();
              assertThat(p.lastError()).contains("HTTP 503");
            });
    // the target comes back; another runner (this one stopped) pays the debt once it is due
    trackers.answer("hook", 200, Map.of());
    clock.tick(Duration.ofMinutes(1));
    try (Runner runner = runner(webhook())) {
      runner.tick();
    }
    assertThat(store.find("wc-a").orElseThrow().state()).isEqualTo(CommissionState.COMPLETED);
    assertThat(types("wc-a")).endsWith(EventType.PROJECTION_PUBLISHED);
    assertThat(
            StatusReport.of(store, clock, dev.sleigh.view.StatusSettings.withDefaultGate(TTL))
                .projections())
        .isEmpty();
  }

  @Test
  void anUnauthorizedTargetIsAFinalErrorUntilAnOperatorRetries() throws Exception {
    trackers.answer("github", 401, Map.of());
    store.intake(commission("wc-a", Commission.ProjectionPolicy.EXTERNAL_REQUIRED, "#7"), "c");
    try (Runner runner = runner(github())) {
      settle(runner);
      later(runner, Duration.ofSeconds(1));
      var p = store.projections().find("wc-a").orElseThrow();
      assertThat(p.status()).isEqualTo(Projections.Status.FINAL);
      assertThat(p.retryAt()).isNull();
      assertThat(p.lastError()).contains("HTTP 401").contains("token was refused");
      later(runner, Duration.ofHours(2));
      assertThat(trackers.requests("github")).hasSize(1);
      assertThat(store.find("wc-a").orElseThrow().state())
          .isEqualTo(CommissionState.COMPLETED_WITH_PROJECTION_DEBT);
      trackers.answer("github", 201, Map.of());
      assertThat(store.projections().retry("wc-a")).isTrue();
      later(runner, Duration.ofSeconds(1));
    }
    assertThat(store.find("wc-a").orElseThrow().state()).isEqualTo(CommissionState.COMPLETED);
  }

  @Test
  void aRateLimitedTargetIsTriedAgainNotBeforeItsRetryAfter() throws Exception {
    trackers.answer("hook", 429, Map.of("Retry-After", "120"));
    store.intake(commission("wc-a", Commission.ProjectionPolicy.EXTERNAL_OPTIONAL, null), "c");
    try (Runner runner = runner(webhook())) {
      settle(runner);
      clock.tick(Duration.ofSeconds(1));
      Instant failedAt = clock.instant();
      settle(runner);
      var p = store.projections().find("wc-a").orElseThrow();
      assertThat(p.retryAt()).isEqualTo(failedAt.plusSeconds(120));
      assertThat(store.find("wc-a").orElseThrow().state()).isEqualTo(CommissionState.COMPLETED);
      later(runner, Duration.ofSeconds(119));
      assertThat(trackers.requests("hook")).hasSize(1);
      trackers.answer("hook", 200, Map.of());
      later(runner, Duration.ofSeconds(2));
      assertThat(trackers.requests("hook")).hasSize(2);
    }
    assertThat(types("wc-a")).endsWith(EventType.PROJECTION_PUBLISHED);
  }

  private static String hmac(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("hook-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aTargetThatHangsDoesNotHoldUpTheRunnersClaims() throws Exception {
    FakeTrackers.Hold hanging = trackers.hold("hook");
    store.intake(commission("wc-a", Commission.ProjectionPolicy.EXTERNAL_OPTIONAL, null), "c");
    try (Runner runner = runner(webhook())) {
      // from here on the runner runs on its own threads, and publishes apart from its ticks
      runner.startHeartbeats();
      settle(runner);
      clock.tick(Duration.ofSeconds(1));
      runner.tick();
      assertThat(hanging.awaitRequest(Duration.ofSeconds(30))).as("publishing began").isTrue();
      // the tick came back while the publication still waits for its answer: nothing recorded yet
      var open = store.projections().find("wc-a").orElseThrow();
      assertThat(open.attempts()).isZero();
      assertThat(open.lastError()).isNull();

      store.intake(Fixtures.onRepo("wc-b", revision, repo), "c");
      clock.tick(Duration.ofSeconds(1));
      settle(runner);

      // wc-b was claimed and ran while the webhook still held its answer for wc-a
      assertThat(hanging.released()).isFalse();
      assertThat(store.find("wc-b").orElseThrow().state()).isEqualTo(CommissionState.COMPLETED);
      hanging.release();
    }
  }
}
