package dev.sleigh.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** The chosen direction a commission executes, with every revision it has had. */
public record Decision(
    String id,
    String title,
    Status status,
    String supersededBy,
    List<Revision> revisions,
    Instant createdAt,
    Instant updatedAt) {

  public Decision {
    Commission.requireId("id", id);
    Commission.require(title != null && !title.isBlank(), "title", "must not be empty");
    Objects.requireNonNull(status, "status");
    revisions = List.copyOf(revisions);
    if (revisions.isEmpty()) {
      throw new IllegalArgumentException("a decision has at least one revision");
    }
  }

  public Revision current() {
    return revisions.getLast();
  }

  /** The hash of the current revision, which commissions name. */
  public String revision() {
    return current().hash();
  }

  /** Whether a commission of revision {@code hash} still executes this decision as it stands. */
  public boolean freshFor(String hash) {
    return status == Status.ACTIVE && revision().equals(hash);
  }

  /** One version of the decision's text. */
  public record Revision(int number, String hash, String body, Instant createdAt) {
    public Revision {
      Objects.requireNonNull(hash, "hash");
      body = body == null ? "" : body;
    }

    /** The hash of revision {@code number} of decision {@code id}, chained to its parent. */
    public static String hash(String id, int number, String title, String body, String parent) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("decision", id);
      m.put("number", number);
      m.put("title", title);
      m.put("body", body == null ? "" : body);
      m.put("parent", parent);
      return CanonicalJson.sha256(CanonicalJson.write(m));
    }
  }

  /** Whether the decision still stands. */
  public enum Status {
    ACTIVE,
    SUPERSEDED,
    DEPRECATED;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Status fromWire(String text) {
      return valueOf(text.toUpperCase(Locale.ROOT));
    }
  }
}
