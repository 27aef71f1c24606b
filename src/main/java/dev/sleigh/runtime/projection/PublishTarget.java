package dev.sleigh.runtime.projection;

import java.util.Map;

/** One configured place a commission's outcome goes to. */
interface PublishTarget {
  String name();

  /**
   * Publishes {@code packet}, with {@code text} rendered from it, of commission {@code id}. {@code
   * credential} is the token or secret read from the environment; null when unset.
   */
  Attempt publish(String id, Map<String, Object> packet, String text, String credential)
      throws InterruptedException;
}
