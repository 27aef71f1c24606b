package dev.sleigh.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A program's release as dotted integers, compared number by number (0.170.0 is newer than 0.99.0;
 * a missing trailing number counts as 0, so 1.0 and 1.0.0 compare equal though the records differ).
 * A suffix such as {@code -alpha.1} is not part of it.
 */
public record AgentVersion(List<Long> parts) implements Comparable<AgentVersion> {
  private static final Pattern DOTTED = Pattern.compile("\\d{1,18}(\\.\\d{1,18})*");
  private static final Pattern IN_TEXT =
      Pattern.compile("(?<![\\d.])\\d{1,18}(?:\\.\\d{1,18})+(?!\\d)");

  public AgentVersion {
    parts = List.copyOf(parts);
    if (parts.isEmpty() || parts.stream().anyMatch(p -> p < 0)) {
      throw new IllegalArgumentException("a version is one or more non-negative numbers");
    }
  }

  /** {@code "0.169.0"}; anything else is an {@link IllegalArgumentException}. */
  public static AgentVersion of(String dotted) {
    if (!DOTTED.matcher(dotted).matches()) {
      throw new IllegalArgumentException("not a dotted version: '" + dotted + "'");
    }
    List<Long> parts = new ArrayList<>();
    for (String part : dotted.split("\\.")) {
      parts.add(Long.parseLong(part));
    }
    return new AgentVersion(parts);
  }

  /**
   * The first dotted version in what a program printed for {@code --version}, e.g. {@code codex-cli
   * 0.169.0} or {@code 2.1.331 (Claude Code)}; empty when there is none.
   */
  public static Optional<AgentVersion> findIn(String output) {
    var matcher = IN_TEXT.matcher(output);
    return matcher.find() ? Optional.of(of(matcher.group())) : Optional.empty();
  }

  public boolean isNewerThan(AgentVersion other) {
    return compareTo(other) > 0;
  }

  @Override
  public int compareTo(AgentVersion other) {
    for (int i = 0; i < Math.max(parts.size(), other.parts.size()); i++) {
      int order = Long.compare(part(i), other.part(i));
      if (order != 0) {
        return order;
      }
    }
    return 0;
  }

  private long part(int i) {
    return i < parts.size() ? parts.get(i) : 0;
  }

  @Override
  public String toString() {
    return parts.stream().map(String::valueOf).collect(Collectors.joining("."));
  }
}
