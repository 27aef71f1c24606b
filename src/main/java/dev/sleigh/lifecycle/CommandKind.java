package dev.sleigh.lifecycle;

import java.util.Locale;

/** The commands of SPEC §3.2 that act on an existing commission. */
public enum CommandKind {
  INTAKE(Fence.NONE),
  CLAIM(Fence.NONE),
  HEARTBEAT(Fence.LEASE),
  PHASE_STARTED(Fence.LEASE),
  PHASE_PASSED(Fence.LEASE),
  PHASE_FAILED(Fence.LEASE),
  REVALIDATE(Fence.LEASE),
  RECORD_EVIDENCE(Fence.LEASE),
  RECORD_TURN(Fence.LEASE),
  RECORD_AGENT_APPROVAL(Fence.LEASE),
  RECORD_AGENT_NOTE(Fence.LEASE),
  RECORD_AGENT_EVIDENCE(Fence.LEASE),
  WAIT_FOR_HUMAN(Fence.LEASE),
  APPROVE(Fence.NONE),
  REJECT(Fence.NONE),
  COMPLETE(Fence.LEASE),
  BLOCK(Fence.LEASE),
  FAIL(Fence.LEASE),
  RELEASE(Fence.LEASE),
  REQUEUE(Fence.NONE),
  CANCEL(Fence.NONE),
  EXPIRE_LEASE(Fence.NONE),
  EXPIRE(Fence.NONE),
  BLOCK_DEPENDENCY(Fence.NONE),
  RECORD_APPLIED(Fence.NONE),
  RECORD_PROJECTION(Fence.NONE);

  /** Whether the command must carry the commission's current lease. */
  public enum Fence {
    NONE,
    LEASE
  }

  private final Fence fence;

  CommandKind(Fence fence) {
    this.fence = fence;
  }

  public Fence fence() {
    return fence;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
