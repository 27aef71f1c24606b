package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.testkit.FakeTrackers;
import dev.sleigh.testkit.GitRepos;
import dev.sleigh.testkit.InProcessSleigh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code projection:} in {@code sleigh.md} through the command line: a debt left by a target that
 * refuses the token shows in {@code status} and {@code projection list}, {@code projection retry}
 * makes it due again, and a mistaken target is refused naming its key.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ProjectionCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private FakeTrackers trackers;
  private final SplittableRandom random = new SplittableRandom(3);

  @BeforeEach
  void start() throws Exception {
    trackers = new FakeTrackers();
  }

  @AfterEach
  void stop() {
    trackers.close();
  }

  private InProcessSleigh.Output sleigh(String... args) {
    return InProcessSleigh.run(
        args, dir, InstantSource.system(), random, Map.of("HOOK_SECRET", "s3cret-value"));
  }

  private void project(String projection) throws Exception {
    GitRepos.create(dir.resolve("repo"));
    assertThat(sleigh("decision", "add", "--id", "dec-a", "--title", "A").exit()).isZero();
    Path agent = Files.writeString(dir.resolve("agent.sh"), "#!/bin/bash\necho hi > src/a.txt\n");
    agent.toFile().setExecutable(true);
    Files.writeString(
        dir.resolve("sleigh.md"),
        "---\nengine: {poll_interval: 100ms, lease_ttl: 2s}\nagent: {kind: command, command: [\""
            + agent
            + "\"]}\n"
            + projection
            + "---\n");
    Files.writeString(
        dir.resolve("wc.yaml"),
        "id: wc-a\ntitle: T\ndecision: {id: dec-a}\nrepo: {path: repo, base_ref: main}\n"
            + "scope: {allowed_paths: [\"src/**\"]}\nprojection_policy: external_required\n"
            + "body: b\n");
    assertThat(sleigh("commission", "create", "-f", "wc.yaml").exit()).isZero();
  }

  @Test
  void aDebtShowsInStatusAndListAndAnOperatorCanRetryIt() throws Exception {
    trackers.answer("hook", 401, Map.of());
    project(
        "projection:\n  targets:\n    - {kind: webhook, url: \""
            + trackers.url("hook")
            + "\", secret_env: HOOK_SECRET}\n");
    var run = sleigh("run", "--drain");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode shown = JSON.readTree(sleigh("commission", "show", "wc-a", "--json").out());
    assertThat(shown.path("state").asText()).isEqualTo("completed_with_projection_debt");
    // the next runner pass tries it; the target refuses the token for good
    sleigh("run", "--once");
    JsonNode listed = JSON.readTree(sleigh("projection", "list", "--json").out());
    JsonNode p = listed.path("projections").get(0);
    assertThat(p.path("commission_id").asText()).isEqualTo("wc-a");
    assertThat(p.path("debt").asBoolean()).isTrue();
    assertThat(p.path("status").asText()).isEqualTo("final");
    assertThat(p.path("last_error").asText()).contains("HTTP 401");
    JsonNode status = JSON.readTree(sleigh("status", "--json").out());
    assertThat(status.path("projections").get(0).path("last_error").asText()).contains("HTTP 401");
    assertThat(sleigh("status").out()).contains("wc-a").contains("DEBT").contains("HTTP 401");
    // an operator fixes the token and retries
    trackers.answer("hook", 200, Map.of());
    var retry = sleigh("projection", "retry", "wc-a");
    assertThat(retry.exit()).as(retry.err()).isZero();
    sleigh("run", "--once");
    shown = JSON.readTree(sleigh("commission", "show", "wc-a", "--json").out());
    assertThat(shown.path("state").asText()).isEqualTo("completed");
    assertThat(trackers.requests("hook").getLast().body()).doesNotContain("s3cret-value");
    assertThat(sleigh("projection", "retry", "wc-a").exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(sleigh("projection", "retry", "wc-zz").exit()).isNotZero();
  }

  @Test
  void anUnknownTargetKindIsRefusedNamingItsKeyAndLine() throws Exception {
    project("projection:\n  targets:\n    - {kind: gitlab, token_env: T}\n");
    var run = sleigh("run", "--drain");
    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains("projection.targets[0].kind")
        .contains("gitlab")
        .contains("sleigh.md:6:");
  }
}
