/**
 * The verbs on a project and its store as a whole: {@code init} (configuration and store), {@code
 * verify} (rows against events) and {@code backup} (a consistent copy).
 */
package dev.sleigh.cli.store;
