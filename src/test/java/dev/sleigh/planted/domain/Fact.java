package dev.sleigh.planted.domain;

import java.util.Objects;
import org.slf4j.LoggerFactory;

/** Uses the JDK (allowed) and a logging library (not allowed). */
public record Fact(String id) {
  public Fact {
    LoggerFactory.getLogger(Fact.class).debug("fact {}", Objects.requireNonNull(id));
  }
}
