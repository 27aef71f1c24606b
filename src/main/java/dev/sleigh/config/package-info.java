/**
 * Reading operator-written files, with every error pointing at a file, a line and a key: commission
 * files (SPEC §2) into validated {@link dev.sleigh.domain.Commission} records, and the {@code
 * sleigh.md} configuration (SPEC §5) into a {@link dev.sleigh.config.SleighConfig} with its prompt
 * templates ({@link dev.sleigh.config.SleighConfigReader}, {@link
 * dev.sleigh.config.PromptTemplate}). Depends on {@code domain}, the YAML parser and the Liquid
 * engine only.
 */
package dev.sleigh.config;
