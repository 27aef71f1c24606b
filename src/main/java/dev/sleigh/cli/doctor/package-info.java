/**
 * {@code sleigh doctor}: checks the store, the configuration and the configured agent (its program,
 * version and environment), and reports each check as pass, warn or fail, as text or one JSON
 * document.
 */
package dev.sleigh.cli.doctor;
