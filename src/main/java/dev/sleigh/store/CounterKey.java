package dev.sleigh.store;

import java.util.Comparator;
import java.util.Objects;

/** One counter the store keeps: its name and its label value ({@code ""} when it has none). */
public record CounterKey(String name, String label) implements Comparable<CounterKey> {
  private static final Comparator<CounterKey> ORDER =
      Comparator.comparing(CounterKey::name).thenComparing(CounterKey::label);

  public CounterKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(label, "label");
  }

  @Override
  public int compareTo(CounterKey other) {
    return ORDER.compare(this, other);
  }
}
