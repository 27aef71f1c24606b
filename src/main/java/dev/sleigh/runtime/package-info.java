/**
 * The runtime of {@code sleigh run}: the {@link dev.sleigh.runtime.Runner} tick (one housekeeping
 * step, claim), the {@code LeaseKeeper} heartbeating on a platform thread of its own, one {@code
 * CommissionRun} per claimed commission on a virtual thread, its phases run by the steps of {@code
 * runtime.phase} and written through its {@code Journal}, and the ride through a store that cannot
 * be reached ({@code StoreOutage}). Also the use cases the command line calls: delivering a change
 * ({@code ChangeDelivery}, shared with the runner's auto-apply) and the gc policy ({@code
 * WorkspaceCollector}). Sees only ports: {@code store}, {@code agent}, {@code workspace}, {@code
 * process} and {@code domain}; never a concrete store or agent.
 */
package dev.sleigh.runtime;
