package dev.sleigh.agent.codex;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The part of JSON Schema draft-07 the codex schema uses: {@code $ref} into {@code definitions},
 * {@code type}, {@code enum}, {@code properties}, {@code required}, {@code additionalProperties},
 * {@code items}, {@code anyOf}, {@code oneOf}, {@code allOf}, {@code minimum}, {@code minLength}
 * and boolean schemas. Annotations ({@code description}, {@code format}, {@code default}) are
 * ignored.
 */
public final class JsonSchemaCheck {
  private final JsonNode root;

  public JsonSchemaCheck(JsonNode root) {
    this.root = root;
  }

  /** Every violation of the root schema by {@code value}; empty when it conforms. */
  public List<String> problems(JsonNode value) {
    List<String> out = new ArrayList<>();
    check(root, value, "$", out);
    return out;
  }

  private void check(JsonNode schema, JsonNode value, String at, List<String> out) {
    if (schema.isBoolean()) {
      if (!schema.asBoolean()) {
        out.add(at + ": nothing is allowed here");
      }
      return;
    }
    if (schema.has("$ref")) {
      check(resolve(schema.get("$ref").asText()), value, at, out);
    }
    type(schema, value, at, out);
    if (schema.has("enum") && !contains(schema.get("enum"), value)) {
      out.add(at + ": " + value + " is not one of " + schema.get("enum"));
    }
    if (schema.has("minimum")
        && value.isNumber()
        && value.asDouble() < schema.get("minimum").asDouble()) {
      out.add(at + ": below the minimum " + schema.get("minimum"));
    }
    if (schema.has("minLength")
        && value.isTextual()
        && value.asText().length() < schema.get("minLength").asInt()) {
      out.add(at + ": shorter than " + schema.get("minLength"));
    }
    object(schema, value, at, out);
    if (schema.has("items") && value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        check(schema.get("items"), value.get(i), at + "[" + i + "]", out);
      }
    }
    combinations(schema, value, at, out);
  }

  private void type(JsonNode schema, JsonNode value, String at, List<String> out) {
    JsonNode type = schema.get("type");
    if (type == null) {
      return;
    }
    boolean ok = false;
    for (JsonNode t : type.isArray() ? type : List.of(type)) {
      ok |= hasType(t.asText(), value);
    }
    if (!ok) {
      out.add(at + ": " + value + " is not of type " + type);
    }
  }

  private static boolean hasType(String type, JsonNode value) {
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "null" -> value.isNull();
      default -> throw new IllegalArgumentException("unknown schema type " + type);
    };
  }

  private void object(JsonNode schema, JsonNode value, String at, List<String> out) {
    if (!value.isObject()) {
      return;
    }
    for (JsonNode name : schema.path("required")) {
      if (!value.has(name.asText())) {
        out.add(at + ": required property '" + name.asText() + "' is missing");
      }
    }
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.get("additionalProperties");
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      var field = it.next();
      String where = at + "." + field.getKey();
      if (properties.has(field.getKey())) {
        check(properties.get(field.getKey()), field.getValue(), where, out);
      } else if (additional != null) {
        check(additional, field.getValue(), where, out);
      }
    }
  }

  private void combinations(JsonNode schema, JsonNode value, String at, List<String> out) {
    for (JsonNode part : schema.path("allOf")) {
      check(part, value, at, out);
    }
    if (schema.has("anyOf") && matching(schema.get("anyOf"), value) == 0) {
      out.add(at + ": " + value + " matches none of anyOf " + titles(schema.get("anyOf")));
    }
    if (schema.has("oneOf")) {
      int n = matching(schema.get("oneOf"), value);
      if (n != 1) {
        out.add(at + ": " + value + " matches " + n + " of oneOf " + titles(schema.get("oneOf")));
      }
    }
  }

  private int matching(JsonNode alternatives, JsonNode value) {
    int n = 0;
    for (JsonNode alternative : alternatives) {
      List<String> problems = new ArrayList<>();
      check(alternative, value, "", problems);
      n += problems.isEmpty() ? 1 : 0;
    }
    return n;
  }

  private static List<String> titles(JsonNode alternatives) {
    List<String> names = new ArrayList<>();
    alternatives.forEach(a -> names.add(a.path("title").asText(a.path("$ref").asText("?"))));
    return names;
  }

  private JsonNode resolve(String ref) {
    String prefix = "#/definitions/";
    if (!ref.startsWith(prefix) || !root.path("definitions").has(ref.substring(prefix.length()))) {
      throw new IllegalArgumentException("unresolvable $ref " + ref);
    }
    return root.path("definitions").get(ref.substring(prefix.length()));
  }

  private static boolean contains(JsonNode values, JsonNode value) {
    for (JsonNode v : values) {
      if (v.equals(value)) {
        return true;
      }
    }
    return false;
  }
}
