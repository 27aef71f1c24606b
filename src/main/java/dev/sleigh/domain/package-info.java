/**
 * The vocabulary of Sleigh: commissions, decisions, states, leases, events, the lifecycle table and
 * the pure functions over them (resume point, snapshot hash, retry backoff). JDK only; every other
 * package may depend on this one, and it depends on none.
 */
package dev.sleigh.domain;
