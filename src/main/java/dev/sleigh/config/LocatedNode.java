package dev.sleigh.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.domain.ByteSizes;
import dev.sleigh.domain.Durations;
import dev.sleigh.domain.InvalidCommissionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A node of a parsed document ({@link YamlDocument}) together with its key path ({@code
 * commissions[1].scope}) and its place in the file, so that every type check can fail with file,
 * line and key.
 *
 * @param node the value, or null when the key is absent
 * @param defaults where a key this mapping lacks is looked up instead (a plan's {@code defaults:}
 *     for one of its entries), or null
 */
record LocatedNode(
    Document document, JsonNode node, String key, JsonPointer pointer, LocatedNode defaults) {

  LocatedNode(Document document, JsonNode node, String key, JsonPointer pointer) {
    this(document, node, key, pointer, null);
  }

  /**
   * What a node needs of the document it stands in: the line of each place, and the exception its
   * kind of file reports a problem with. The document implements this, so the node does not depend
   * on how the document was parsed.
   */
  interface Document {
    /** The line of the node at {@code pointer}, or of its nearest ancestor that exists. */
    int lineOf(JsonPointer pointer);

    /** The problem at {@code line} and {@code key}, as the exception type of the file. */
    LocatedFileException problem(int line, String key, String problem);

    /** The whole document as a node. */
    LocatedNode root();
  }

  LocatedNode field(String name) {
    JsonNode child = node == null ? null : node.get(name);
    LocatedNode own =
        new LocatedNode(document, child, join(key, name), pointer.appendProperty(name));
    if (!own.present() && defaults != null) {
      LocatedNode inherited = defaults.field(name);
      return inherited.present() ? inherited : own;
    }
    return own;
  }

  /** This mapping, taking each key it lacks from {@code fallback} (which must be a mapping). */
  LocatedNode withDefaults(LocatedNode fallback) {
    return new LocatedNode(document, node, key, pointer, fallback);
  }

  /** Walks a dotted path such as {@code autonomy.max_turns}. */
  LocatedNode path(String dotted) {
    LocatedNode at = this;
    for (String name : dotted.split("\\.")) {
      at = name.isEmpty() ? at : at.field(name);
    }
    return at;
  }

  /** False for an absent key and for an explicit null, which YAML writes as {@code key:}. */
  boolean present() {
    return node != null && !node.isNull() && !node.isMissingNode();
  }

  int line() {
    return document.lineOf(pointer);
  }

  /** The problem at this node, as the exception type of the file being read. */
  LocatedFileException fail(String problem) {
    return document.problem(line(), key, problem);
  }

  LocatedNode required() {
    if (!present()) {
      throw fail("is required");
    }
    return this;
  }

  /** Requires a mapping whose keys are all among {@code allowed}. */
  LocatedNode mapping(Collection<String> allowed) {
    required().expect(node.isObject(), "a mapping");
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        String known = String.join(", ", allowed);
        throw field(name).fail("unknown key '" + name + "'; allowed: " + known);
      }
    }
    return this;
  }

  /** The keys of a mapping in file order; absent means none. */
  List<String> keys() {
    if (!present()) {
      return List.of();
    }
    expect(node.isObject(), "a mapping");
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  List<LocatedNode> elements() {
    if (!present()) {
      return List.of();
    }
    expect(node.isArray(), "a list");
    List<LocatedNode> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      out.add(new LocatedNode(document, node.get(i), key + "[" + i + "]", pointer.appendIndex(i)));
    }
    return out;
  }

  String text() {
    required().expect(node.isTextual(), "a string");
    return node.textValue();
  }

  Optional<String> optionalText() {
    return present() ? Optional.of(text()) : Optional.empty();
  }

  /** A list of non-blank strings; absent means empty. */
  List<String> texts() {
    List<String> out = new ArrayList<>();
    for (LocatedNode element : elements()) {
      String value = element.text();
      if (value.isBlank()) {
        throw element.fail("must not be empty");
      }
      out.add(value);
    }
    return out;
  }

  boolean bool() {
    required().expect(node.isBoolean(), "true or false");
    return node.booleanValue();
  }

  /** A duration such as {@code 10s}; a bare number is reported as a missing unit. */
  Duration duration() {
    // A bare number is a forgotten unit, not a string that needs quoting.
    String text = present() && node.isNumber() ? node.asText() : text();
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw fail(e.getMessage());
    }
  }

  /** A size such as {@code 100MB}; a bare number counts bytes. */
  long byteSize() {
    String text = present() && node.isNumber() ? node.asText() : text();
    try {
      return ByteSizes.parse(text);
    } catch (IllegalArgumentException e) {
      throw fail(e.getMessage());
    }
  }

  long integer(long min, long max) {
    required().expect(node.isIntegralNumber(), "a whole number");
    if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
      throw fail("must be between " + min + " and " + max + ", was " + node.asText());
    }
    return node.longValue();
  }

  /**
   * Builds a domain value, reporting its validation failure at the key the domain named. The domain
   * names keys from the commission down ({@code evidence.timeout}); {@code domainPrefix} is the
   * part of that name this node already stands for ({@code evidence} for one evidence entry).
   */
  <T> T validated(String domainPrefix, Supplier<T> build) {
    try {
      return build.get();
    } catch (InvalidCommissionException e) {
      String problem = e.getMessage().substring(e.key().length() + 2);
      String key = e.key();
      String relative = key.startsWith(domainPrefix) ? key.substring(domainPrefix.length()) : key;
      throw path(relative).fail(problem);
    }
  }

  private void expect(boolean ok, String wanted) {
    if (!ok) {
      boolean quotable = wanted.equals("a string") && (node.isNumber() || node.isBoolean());
      String hint = quotable ? " (quote it to make it a string)" : "";
      throw fail("expected " + wanted + ", got " + describe(node) + hint);
    }
  }

  private static String describe(JsonNode node) {
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isTextual()) {
      return "the string '" + node.textValue() + "'";
    }
    return node.isNull() ? "nothing" : "'" + node.asText() + "'";
  }

  private static String join(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }
}
