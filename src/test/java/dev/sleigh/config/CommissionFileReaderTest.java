package dev.sleigh.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.Commission.Autonomy;
import dev.sleigh.domain.Commission.DecisionRef;
import dev.sleigh.domain.Commission.DeliveryPolicy;
import dev.sleigh.domain.Commission.Evidence;
import dev.sleigh.domain.Commission.OneWayDoor;
import dev.sleigh.domain.Commission.ProjectionPolicy;
import dev.sleigh.domain.Commission.Repo;
import dev.sleigh.domain.Commission.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommissionFileReaderTest {
  static final Path BASE = Path.of("/projects/work");
  static final RevisionResolver DECISIONS =
      id -> Optional.ofNullable(Map.of("dec-auth-timeouts", "rev-current").get(id));

  private final CommissionFileReader reader = new CommissionFileReader();

  private List<Commission> read(String yaml) {
    return reader.read(yaml, "work.yaml", BASE, DECISIONS);
  }

  @Test
  void fullCommissionWithEveryFieldBecomesTheExpectedRecord() {
    String yaml =
        """
        id: wc-login-timeout
        title: Fix login timeout
        decision: {id: dec-auth-timeouts, revision: 3a9f0c}
        problem_card_ref: pc-17
        repo: {path: repos/app, base_ref: main}
        scope:
          allowed_paths: [test/auth/**, src/auth/**]
          forbidden_paths: [src/auth/secrets/**]
          locks: [auth-module]
        evidence:
          - {name: unit-tests, command: "mvn -q test", timeout: 10m}
          - name: lint
            command: make lint
            timeout: 90s
        valid_until: 2026-12-01T00:00:00Z
        delivery_policy: auto_apply_on_pass
        projection_policy: external_required
        depends_on: [wc-schema-migration]
        priority: 2
        autonomy: {max_turns: 30, max_tokens: 500000, max_wall_clock: 3h, one_way_door: require_approval}
        body: |
          Raise the timeout.
          Keep tests green.
        """;

    var expected =
        new Commission(
            "wc-login-timeout",
            "Fix login timeout",
            new DecisionRef("dec-auth-timeouts", "3a9f0c"),
            "pc-17",
            new Repo(BASE.resolve("repos/app").toString(), null, "main"),
            new Scope(
                List.of("src/auth/**", "test/auth/**"),
                List.of("src/auth/secrets/**"),
                List.of("auth-module")),
            List.of(
                new Evidence("unit-tests", "mvn -q test", Duration.ofMinutes(10)),
                new Evidence("lint", "make lint", Duration.ofSeconds(90))),
            Instant.parse("2026-12-01T00:00:00Z"),
            DeliveryPolicy.AUTO_APPLY_ON_PASS,
            ProjectionPolicy.EXTERNAL_REQUIRED,
            List.of("wc-schema-migration"),
            2,
            new Autonomy(30, 500_000L, Duration.ofHours(3), OneWayDoor.REQUIRE_APPROVAL),
            "Raise the timeout.\nKeep tests green.\n");
    assertThat(read(yaml)).containsExactly(expected);
  }

  @Test
  void omittedFieldsGetTheDefaultsOfTheSpec() {
    Commission c = read(minimal("wc-a")).getFirst();

    assertThat(c.priority()).isEqualTo(3);
    assertThat(c.deliveryPolicy()).isEqualTo(DeliveryPolicy.MANUAL);
    assertThat(c.projectionPolicy()).isEqualTo(ProjectionPolicy.LOCAL_ONLY);
    assertThat(c.autonomy()).isEqualTo(Autonomy.DEFAULT);
    assertThat(c.evidence()).isEmpty();
    assertThat(c.dependsOn()).isEmpty();
    assertThat(c.validUntil()).isNull();
    assertThat(c.problemCardRef()).isNull();
    assertThat(c.body()).isEmpty();
  }

  @Test
  void partialAutonomyKeepsTheDefaultsForTheOmittedLimits() {
    String yaml = minimal("wc-a") + "autonomy: {max_turns: 5}\n";

    assertThat(read(yaml).getFirst().autonomy())
        .isEqualTo(new Autonomy(5, 2_000_000L, Duration.ofHours(2), OneWayDoor.ALLOW));
  }

  @Test
  void passOnMaxTurnsIsReadAndEntersTheSnapshotOnlyWhenSet() {
    var plain = read(minimal("wc-a")).getFirst();
    var passing = read(minimal("wc-a") + "autonomy: {pass_on_max_turns: true}\n").getFirst();

    assertThat(plain.autonomy().passOnMaxTurns()).isFalse();
    assertThat(passing.autonomy().passOnMaxTurns()).isTrue();
    assertThat(((Map<?, ?>) plain.canonical().get("autonomy")).containsKey("pass_on_max_turns"))
        .isFalse();
    assertThat(passing.snapshotHash()).isNotEqualTo(plain.snapshotHash());
  }

  @Test
  void listFormYieldsEveryCommissionInFileOrder() {
    String yaml =
        """
        commissions:
          - id: wc-b
            title: Second letter first
            decision: {id: dec-auth-timeouts}
            repo: {url: "git@example.org:team/app.git", base_ref: main}
            scope: {allowed_paths: [src/**]}
          - id: wc-a
            title: Then the first
            decision: {id: dec-auth-timeouts}
            repo: {path: /abs/app, base_ref: develop}
            scope: {allowed_paths: [docs/**]}
            depends_on: [wc-b]
        """;

    List<Commission> commissions = read(yaml);

    assertThat(commissions).extracting(Commission::id).containsExactly("wc-b", "wc-a");
    assertThat(commissions.get(0).repo())
        .isEqualTo(new Repo(null, "git@example.org:team/app.git", "main"));
    assertThat(commissions.get(1).repo().path()).isEqualTo("/abs/app");
    assertThat(commissions.get(1).dependsOn()).containsExactly("wc-b");
  }

  @Test
  void missingIdIsGeneratedAsAPrefixedLowerCaseUlid() {
    String yaml = minimal("x").replace("id: x\n", "");

    Commission c = read(yaml).getFirst();

    assertThat(c.id()).matches("wc-[0-9a-z]{26}");
  }

  @Test
  void omittedRevisionIsFilledInWithTheDecisionsCurrentRevision() {
    Commission c = read(minimal("wc-a")).getFirst();

    assertThat(c.decision()).isEqualTo(new DecisionRef("dec-auth-timeouts", "rev-current"));
  }

  @Test
  void yamlTimestampFormsAreAcceptedForValidUntil() {
    String spaced = minimal("wc-a") + "valid_until: 2026-12-01 10:30:00+02:00\n";
    assertThat(read(spaced).getFirst().validUntil())
        .isEqualTo(Instant.parse("2026-12-01T08:30:00Z"));
    assertThat(read(minimal("wc-a") + "valid_until: 2026-12-01\n").getFirst().validUntil())
        .isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
  }

  @Test
  void relativeRepoPathIsResolvedAgainstTheDirectoryOfTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("intake/work.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, minimal("wc-a").replace("/src/app", "../repos/./app"));

    Commission c = reader.read(file, DECISIONS).getFirst();

    assertThat(c.repo().path()).isEqualTo(dir.toAbsolutePath().resolve("repos/app").toString());
  }

  @Test
  void absoluteRepoPathIsKeptAsWritten() {
    assertThat(read(minimal("wc-a")).getFirst().repo().path()).isEqualTo("/src/app");
  }

  static String minimal(String id) {
    return """
        id: %s
        title: Fix login timeout
        decision: {id: dec-auth-timeouts}
        repo: {path: /src/app, base_ref: main}
        scope:
          allowed_paths: [src/auth/**]
        """
        .formatted(id);
  }
}
