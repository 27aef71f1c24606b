package dev.sleigh.config;

import dev.sleigh.config.ProjectionSettings.GitHub;
import dev.sleigh.config.ProjectionSettings.Linear;
import dev.sleigh.config.ProjectionSettings.Target;
import dev.sleigh.config.ProjectionSettings.Webhook;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads {@code projection:} of {@code sleigh.md}; absent, nothing is published anywhere. */
final class ProjectionMapper {
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private ProjectionMapper() {}

  static ProjectionSettings map(LocatedNode p) {
    if (!p.present()) {
      return ProjectionSettings.NONE;
    }
    p.mapping(List.of("targets", "template", "backoff_base", "backoff_max", "timeout"));
    List<Target> targets = new ArrayList<>();
    for (LocatedNode t : p.field("targets").elements()) {
      targets.add(target(t));
    }
    String template = DefaultProjectionTemplate.TEXT;
    if (p.field("template").present()) {
      LocatedNode node = p.field("template");
      template = node.text();
      String problem = ProjectionTemplate.problem(template).orElse(null);
      if (problem != null) {
        throw node.fail(problem);
      }
    }
    ProjectionSettings d = ProjectionSettings.NONE;
    Duration base = duration(p.field("backoff_base"), d.backoffBase());
    Duration max = duration(p.field("backoff_max"), d.backoffMax());
    Duration timeout = duration(p.field("timeout"), d.timeout());
    String text = template;
    return ConfigValues.built(p, () -> new ProjectionSettings(targets, text, base, max, timeout));
  }

  private static Target target(LocatedNode t) {
    String kind = t.field("kind").text();
    String name = t.field("name").optionalText().orElse(kind);
    try {
      return switch (kind) {
        case "webhook" -> {
          t.mapping(List.of("kind", "name", "url", "secret_env"));
          yield new Webhook(name, uri(t.field("url").required()), env(t.field("secret_env")));
        }
        case "github" -> {
          t.mapping(List.of("kind", "name", "api_url", "repo", "token_env", "labels"));
          yield new GitHub(
              name,
              t.field("api_url").present() ? uri(t.field("api_url")) : GitHub.DEFAULT_API,
              t.field("repo").optionalText().orElse(null),
              env(t.field("token_env")),
              t.field("labels").texts());
        }
        case "linear" -> {
          t.mapping(List.of("kind", "name", "api_url", "token_env", "state"));
          yield new Linear(
              name,
              t.field("api_url").present() ? uri(t.field("api_url")) : Linear.DEFAULT_API,
              env(t.field("token_env")),
              t.field("state").optionalText().orElse(null));
        }
        default ->
            throw t.field("kind")
                .fail("unknown target kind '" + kind + "'; allowed: webhook, github, linear");
      };
    } catch (IllegalArgumentException e) {
      throw t.fail(e.getMessage());
    }
  }

  private static String env(LocatedNode node) {
    String name = node.text();
    if (!ENV_NAME.matcher(name).matches()) {
      throw node.fail("not an environment variable name: '" + name + "'");
    }
    return name;
  }

  private static URI uri(LocatedNode node) {
    String text = node.text();
    try {
      URI uri = new URI(text);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw node.fail("expected an http or https URL, got '" + text + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw node.fail("not a URL: " + e.getMessage());
    }
  }

  private static Duration duration(LocatedNode node, Duration fallback) {
    return node.present() ? node.duration() : fallback;
  }
}
