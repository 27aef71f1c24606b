package dev.sleigh.lifecycle;

import dev.sleigh.domain.CheckpointRef;
import java.util.Objects;

/**
 * A checkpoint with the pack of git objects it needs beyond its base: what the store keeps, in a
 * table of its own, once per commission and commit.
 */
public record CheckpointPack(CheckpointRef ref, byte[] pack) {
  public CheckpointPack {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(pack, "pack");
    if (ref.size() != pack.length) {
      throw new IllegalArgumentException(
          "checkpoint "
              + ref.commit()
              + " names size "
              + ref.size()
              + " but its pack has "
              + pack.length);
    }
  }
}
