package dev.sleigh.runtime;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Values as the runtime log writes them, so that no record carries the text an object prints of
 * itself: strings, numbers, booleans and null as they are; maps and collections member by member;
 * an instant or a duration as ISO-8601 text ({@code 2026-01-01T00:00:00Z}, {@code PT30S}); an enum
 * constant by its lower-case name (its wire name); a record as an object of its components, named
 * in snake case.
 */
final class LogValues {
  private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");

  private LogValues() {}

  static Object json(Object value) {
    return switch (value) {
      case null -> null;
      case String s -> s;
      case Number n -> n;
      case Boolean b -> b;
      case Instant i -> i.toString();
      case Duration d -> d.toString();
      case Enum<?> e -> e.name().toLowerCase(Locale.ROOT);
      case Optional<?> o -> json(o.orElse(null));
      case Map<?, ?> m -> map(m);
      case Collection<?> c -> list(c);
      case Record r -> record(r);
      default -> String.valueOf(value);
    };
  }

  static Map<String, Object> map(Map<?, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(json(k)), json(v)));
    return out;
  }

  private static List<Object> list(Collection<?> c) {
    List<Object> out = new ArrayList<>();
    c.forEach(v -> out.add(json(v)));
    return out;
  }

  private static Map<String, Object> record(Record r) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (RecordComponent component : r.getClass().getRecordComponents()) {
      try {
        out.put(snake(component.getName()), json(component.getAccessor().invoke(r)));
      } catch (IllegalAccessException | InvocationTargetException e) {
        out.put(snake(component.getName()), null);
      }
    }
    return out;
  }

  private static String snake(String name) {
    return CAMEL.matcher(name).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
  }
}
