/**
 * Integration tests against the real codex app-server (the npm package, installed into a cache
 * directory on first use): whole commissions through {@code sleigh run} with codex talking to a
 * fake model server on loopback, and a check that the schema copy the unit tests use is the
 * installed release's.
 */
package dev.sleigh.it.codex;
