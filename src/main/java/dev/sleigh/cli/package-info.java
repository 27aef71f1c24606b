/**
 * The {@code sleigh} command line: one command class per verb, the options every command shares,
 * exit codes (SPEC §6.1) and error reporting. Commands print readable text, or exactly one JSON
 * document (see {@code dev.sleigh.view}) with {@code --json}; diagnostics go to stderr. Depends on
 * {@code domain}, {@code store}, {@code store.jdbc} (to open a store by URL) and {@code config};
 * never on the clock or randomness directly, which come in through {@link
 * dev.sleigh.cli.CliEnvironment}.
 */
package dev.sleigh.cli;
