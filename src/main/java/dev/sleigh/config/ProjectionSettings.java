package dev.sleigh.config;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code projection:} of {@code sleigh.md}: where completed commissions are published, how the
 * published text is written, and how failed publications are retried. Tokens and secrets are named
 * by environment variable and read when a runner publishes; no file or store ever holds them.
 *
 * @param template the Liquid template of the published text (the default one when not set)
 */
public record ProjectionSettings(
    List<Target> targets,
    String template,
    Duration backoffBase,
    Duration backoffMax,
    Duration timeout) {
  public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofHours(1);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public static final ProjectionSettings NONE =
      new ProjectionSettings(
          List.of(),
          DefaultProjectionTemplate.TEXT,
          DEFAULT_BACKOFF_BASE,
          DEFAULT_BACKOFF_MAX,
          DEFAULT_TIMEOUT);

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  public ProjectionSettings {
    targets = List.copyOf(targets);
    Objects.requireNonNull(template, "template");
    Set<String> names = new HashSet<>();
    for (Target t : targets) {
      if (!names.add(t.name())) {
        throw new IllegalArgumentException(
            "projection.targets: two targets are named '" + t.name() + "'; give one a name:");
      }
    }
    if (backoffBase.isNegative() || backoffBase.isZero()) {
      throw new IllegalArgumentException("projection.backoff_base: must be positive");
    }
    if (backoffMax.compareTo(backoffBase) < 0) {
      throw new IllegalArgumentException(
          "projection.backoff_max: must be at least projection.backoff_base");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("projection.timeout: must be positive");
    }
  }

  /** One place a commission's outcome is published; {@code name} tells them apart. */
  public sealed interface Target {
    String name();

    /** The kind as {@code sleigh.md} writes it. */
    default String kind() {
      return switch (this) {
        case Webhook w -> "webhook";
        case GitHub g -> "github";
        case Linear l -> "linear";
      };
    }

    /** The environment variable holding this target's token or signing secret. */
    default String credentialEnv() {
      return switch (this) {
        case Webhook w -> w.secretEnv();
        case GitHub g -> g.tokenEnv();
        case Linear l -> l.tokenEnv();
      };
    }

    static void checkName(String name) {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "'" + name + "' is not a target name: lower-case letters, digits, - and _");
      }
    }
  }

  /** A JSON POST of the fact packet, signed with HMAC-SHA256 of the body under the secret. */
  public record Webhook(String name, URI url, String secretEnv) implements Target {
    public Webhook {
      Target.checkName(name);
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(secretEnv, "secretEnv");
    }
  }

  /**
   * A comment on the GitHub issue or pull request the commission refers to ({@code
   * problem_card_ref}: {@code #12}, {@code owner/repo#12} or its URL), and {@code labels} added.
   */
  public record GitHub(String name, URI apiUrl, String repo, String tokenEnv, List<String> labels)
      implements Target {
    public static final URI DEFAULT_API = URI.create("https://api.github.com");

    public GitHub {
      Target.checkName(name);
      Objects.requireNonNull(apiUrl, "apiUrl");
      Objects.requireNonNull(tokenEnv, "tokenEnv");
      labels = List.copyOf(labels);
      if (repo != null && !repo.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
        throw new IllegalArgumentException("projection.targets: repo must be owner/name");
      }
    }
  }

  /**
   * A comment on the Linear issue the commission refers to ({@code problem_card_ref}: {@code
   * ENG-12} or its URL) and, when {@code state} is set, the issue moved to that workflow state.
   */
  public record Linear(String name, URI apiUrl, String tokenEnv, String state) implements Target {
    public static final URI DEFAULT_API = URI.create("https://api.linear.app/graphql");

    public Linear {
      Target.checkName(name);
      Objects.requireNonNull(apiUrl, "apiUrl");
      Objects.requireNonNull(tokenEnv, "tokenEnv");
    }
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
