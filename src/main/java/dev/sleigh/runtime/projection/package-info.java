/**
 * Publishing completed commissions' outcomes to where the team tracks work (GitHub, Linear, a
 * webhook): the fact packet built from the store, the targets over HTTP, and the desk that takes
 * due projections, publishes them and records the outcome. May use the store's port, the lifecycle,
 * config and the domain; never {@code runtime} itself, which drives it.
 */
package dev.sleigh.runtime.projection;
