package dev.sleigh.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;

/** The one JSON writer for views: snake_case keys, instants as ISO-8601 strings, nulls kept. */
public final class ViewJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .build();

  private ViewJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** One line, for JSON Lines streams. */
  public static String compact(Object view) {
    try {
      return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(view);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write a view as JSON", e);
    }
  }

  public static String write(Object view) {
    try {
      return MAPPER.writeValueAsString(view);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write a view as JSON", e);
    }
  }
}
