package dev.sleigh.runtime.projection;

import dev.sleigh.config.ProjectionSettings;
import dev.sleigh.config.ProjectionTemplate;
import dev.sleigh.domain.Secrets;
import dev.sleigh.lifecycle.Command;
import dev.sleigh.lifecycle.Command.ProjectionOutcome;
import dev.sleigh.store.CommandResult;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.Projections.Projection;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each {@link #tick()} takes the projections that are due, publishes each to the targets that do
 * not have it yet and records what came of it: {@code projection_published} (a debt is paid, the
 * commission is {@code completed}) or {@code projection_failed} with when it is tried again. A
 * publication never changes a commission otherwise.
 */
public final class ProjectionDesk {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectionDesk.class);

  /** How many projections one tick publishes at most, so claims are not held up long. */
  static final int BATCH = 4;

  /** What the desk publishes with: the settings and the environment its credentials come from. */
  public record Setup(ProjectionSettings settings, Map<String, String> env) {
    public static final Setup NONE = new Setup(ProjectionSettings.NONE, Map.of());

    public Setup {
      env = Map.copyOf(env);
      for (ProjectionSettings.Target t : settings.targets()) {
        String credential = env.get(t.credentialEnv());
        if (credential != null && !credential.isBlank()) {
          Secrets.register(credential);
        }
      }
    }
  }

  private final CommissionStore store;
  private final InstantSource clock;
  private final Setup setup;
  private final List<PublishTarget> targets = new ArrayList<>();
  private final Map<String, String> credentialEnv = new LinkedHashMap<>();

  public ProjectionDesk(CommissionStore store, InstantSource clock, Setup setup) {
    this.store = store;
    this.clock = clock;
    this.setup = setup;
    ProjectionSettings s = setup.settings();
    HttpCalls http =
        new HttpCalls(
            HttpClient.newBuilder().connectTimeout(s.timeout()).build(), s.timeout(), clock);
    for (ProjectionSettings.Target t : s.targets()) {
      credentialEnv.put(t.name(), t.credentialEnv());
      targets.add(
          switch (t) {
            case ProjectionSettings.Webhook w -> new WebhookTarget(w.name(), w.url(), http);
            case ProjectionSettings.GitHub g ->
                new GitHubTarget(g.name(), g.apiUrl(), g.repo(), g.labels(), http);
            case ProjectionSettings.Linear l ->
                new LinearTarget(l.name(), l.apiUrl(), l.state(), http);
          });
    }
  }

  /** Publishes what is due; returns how many projections it tried. */
  public int tick() throws InterruptedException {
    Duration hold = setup.settings().timeout().multipliedBy(3L * targets.size() + 1);
    List<Projection> due = store.projections().take(BATCH, hold);
    for (Projection p : due) {
      publish(p);
    }
    return due.size();
  }

  private void publish(Projection p) throws InterruptedException {
    String id = p.commissionId();
    Map<String, Object> packet = FactPacket.of(store, id);
    List<String> sent = new ArrayList<>();
    List<Map<String, Object>> failures = new ArrayList<>();
    Duration wait = null;
    if (targets.isEmpty()) {
      failures.add(failure("sleigh.md", "no projection target is configured in sleigh.md", true));
    } else {
      String text;
      try {
        text = ProjectionTemplate.render(setup.settings().template(), packet);
      } catch (RuntimeException e) {
        text = null;
        failures.add(failure("template", "projection.template: " + e.getMessage(), true));
      }
      for (PublishTarget t : text == null ? List.<PublishTarget>of() : targets) {
        if (p.published().contains(t.name())) {
          continue;
        }
        Attempt a = attempt(t, id, packet, text);
        switch (a) {
          case Attempt.Sent s -> sent.add(t.name());
          case Attempt.Refused r -> {
            failures.add(failure(t.name(), r.reason(), r.finalError()));
            if (r.retryAfter() != null && (wait == null || r.retryAfter().compareTo(wait) > 0)) {
              wait = r.retryAfter();
            }
          }
        }
      }
    }
    record(p, sent, failures, wait);
  }

  private Attempt attempt(PublishTarget t, String id, Map<String, Object> packet, String text)
      throws InterruptedException {
    String env = credentialEnv.get(t.name());
    String credential = setup.env().get(env);
    if (credential == null || credential.isBlank()) {
      return new Attempt.Refused(
          t.name() + ": the environment variable " + env + " is not set", true, null);
    }
    return t.publish(id, packet, text, credential);
  }

  private void record(
      Projection p, List<String> sent, List<Map<String, Object>> failures, Duration wait) {
    String id = p.commissionId();
    int attempt = p.attempts() + 1;
    ProjectionOutcome outcome;
    if (failures.isEmpty()) {
      List<String> all = new ArrayList<>(p.published());
      all.addAll(sent);
      outcome = new ProjectionOutcome.Published(all);
      LOG.info("{}: projection published to {}", id, String.join(", ", all));
    } else {
      boolean fin = failures.stream().anyMatch(f -> Boolean.TRUE.equals(f.get("final")));
      Instant retryAt = fin ? null : clock.instant().plus(wait != null ? wait : backoff(attempt));
      outcome = new ProjectionOutcome.Failed(sent, failures, retryAt);
      LOG.warn(
          "{}: projection attempt {} failed ({}); {}",
          id,
          attempt,
          failures.getFirst().get("reason"),
          fin
              ? "not retried until an operator runs 'sleigh projection retry " + id + "'"
              : "retried at " + retryAt);
    }
    String commandId =
        "projection:" + attempt + ":" + (failures.isEmpty() ? "published" : "failed");
    CommandResult result = store.execute(new Command.RecordProjection(id, commandId, outcome));
    if (result instanceof CommandResult.Refused refused) {
      LOG.warn("{}: the store refused the projection's outcome: {}", id, refused.error().message());
    }
  }

  /** The pause before attempt {@code attempt + 1}: doubling from the base up to the maximum. */
  Duration backoff(int attempt) {
    Duration base = setup.settings().backoffBase();
    Duration max = setup.settings().backoffMax();
    Duration d = base.multipliedBy(1L << Math.min(attempt - 1, 20));
    return d.compareTo(max) > 0 ? max : d;
  }

  private static Map<String, Object> failure(String target, String reason, boolean fin) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("target", target);
    f.put("reason", Secrets.redact(reason));
    f.put("final", fin);
    return f;
  }
}
