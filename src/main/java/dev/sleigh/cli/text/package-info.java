/**
 * Text rendering for the verbs: commission tables and details, results, and the progress lines of
 * {@code sleigh run}. Pure printing of view records to a stream; nothing here reads the store or
 * decides an exit code.
 */
package dev.sleigh.cli.text;
