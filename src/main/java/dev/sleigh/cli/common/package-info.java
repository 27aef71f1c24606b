/**
 * What every verb shares: the environment an invocation runs in ({@link
 * dev.sleigh.cli.common.CliEnvironment}), the global options, exit codes (SPEC §6.1), the verb base
 * classes that turn every refusal into one exit code and one report, output as text or one JSON
 * document, the run set-up read from {@code sleigh.md}, store passwords and shutdown signals. A
 * leaf of the command line: it knows no verb and no other package of it.
 */
package dev.sleigh.cli.common;
