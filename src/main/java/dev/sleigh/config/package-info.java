/**
 * Reading operator-written files: commission files (SPEC §2) into validated {@link
 * dev.sleigh.domain.Commission} records, with every error pointing at a file, a line and a key.
 * Depends on {@code domain} and the YAML parser only.
 */
package dev.sleigh.config;
