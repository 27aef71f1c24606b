package dev.sleigh.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sleigh.domain.Commission;
import dev.sleigh.domain.Durations;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** JSON text for the store's columns: event data, evidence and commission specs. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private Json() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write JSON", e);
    }
  }

  static Map<String, Object> read(String text) {
    try {
      return MAPPER.readValue(text, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "the store holds malformed JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The commission whose {@link Commission#canonical()} form is {@code m}. */
  @SuppressWarnings("unchecked")
  static Commission commission(Map<String, Object> m) {
    Map<String, Object> decision = (Map<String, Object>) m.get("decision");
    Map<String, Object> repo = (Map<String, Object>) m.get("repo");
    Map<String, Object> scope = (Map<String, Object>) m.get("scope");
    Map<String, Object> autonomy = (Map<String, Object>) m.get("autonomy");
    List<Map<String, Object>> evidence = (List<Map<String, Object>>) m.get("evidence");
    return new Commission(
        (String) m.get("id"),
        (String) m.get("title"),
        new Commission.DecisionRef((String) decision.get("id"), (String) decision.get("revision")),
        (String) m.get("problem_card_ref"),
        new Commission.Repo(
            (String) repo.get("path"), (String) repo.get("url"), (String) repo.get("base_ref")),
        new Commission.Scope(
            (List<String>) scope.get("allowed_paths"),
            (List<String>) scope.get("forbidden_paths"),
            (List<String>) scope.get("locks")),
        evidence.stream()
            .map(
                e ->
                    new Commission.Evidence(
                        (String) e.get("name"),
                        (String) e.get("command"),
                        Durations.parse((String) e.get("timeout"))))
            .toList(),
        m.get("valid_until") == null ? null : Instant.parse((String) m.get("valid_until")),
        Commission.DeliveryPolicy.valueOf(upper(m.get("delivery_policy"))),
        Commission.ProjectionPolicy.valueOf(upper(m.get("projection_policy"))),
        (List<String>) m.get("depends_on"),
        ((Number) m.get("priority")).intValue(),
        new Commission.Autonomy(
            ((Number) autonomy.get("max_turns")).intValue(),
            ((Number) autonomy.get("max_tokens")).longValue(),
            Durations.parse((String) autonomy.get("max_wall_clock")),
            Commission.OneWayDoor.valueOf(upper(autonomy.get("one_way_door"))),
            Boolean.TRUE.equals(autonomy.get("pass_on_max_turns"))),
        (String) m.get("body"),
        (String) m.get("queue"));
  }

  private static String upper(Object wire) {
    return ((String) wire).toUpperCase(Locale.ROOT);
  }
}
