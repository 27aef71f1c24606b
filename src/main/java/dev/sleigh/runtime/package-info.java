/**
 * The runtime of {@code sleigh run}: the {@link dev.sleigh.runtime.Runner} tick (sweep, claim,
 * heartbeat), one {@code CommissionRun} per claimed commission on a virtual thread, gates and
 * evidence. Sees only ports: {@code store}, {@code agent}, {@code workspace} and {@code domain};
 * never a concrete store or agent.
 */
package dev.sleigh.runtime;
