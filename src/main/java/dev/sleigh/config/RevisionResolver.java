package dev.sleigh.config;

import java.util.Optional;

/** Looks up the current revision of a decision, for commission files that do not pin one. */
@FunctionalInterface
public interface RevisionResolver {

  /** The decision's current revision hash, or empty when no such decision exists. */
  Optional<String> currentRevision(String decisionId);
}
