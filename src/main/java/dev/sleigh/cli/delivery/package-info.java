/**
 * The verbs on a commission's change and its workspace: {@code result}, {@code diff}, {@code apply}
 * and {@code gc}. They read the change from the latest checkpoint in the store or the workspace on
 * this host; delivery itself and the gc policy live in the runtime, shared with the runner.
 */
package dev.sleigh.cli.delivery;
