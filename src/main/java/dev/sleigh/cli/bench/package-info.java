/**
 * {@code sleigh bench}: seeds a scratch store (unless one is named) and times {@code status} over
 * it; {@code bench checkpoints} times taking, storing and restoring checkpoints on scratch
 * repositories.
 */
package dev.sleigh.cli.bench;
