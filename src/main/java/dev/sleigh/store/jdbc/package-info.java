/**
 * The commission store on SQL: SQLite (default, one writer connection, WAL) and PostgreSQL
 * (HikariCP pool, {@code FOR UPDATE SKIP LOCKED} claims), one dialect enum for their differences,
 * versioned migrations. Depends on {@code store} and {@code domain}; only the composition root and
 * the command line may depend on it.
 */
package dev.sleigh.store.jdbc;
