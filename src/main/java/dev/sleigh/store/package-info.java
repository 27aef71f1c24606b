/**
 * The store port: {@link dev.sleigh.store.CommissionStore}, its commands and results, typed errors,
 * and {@link dev.sleigh.lifecycle.CommandDecider}, the pure rules every implementation applies.
 * Depends on {@code domain} only.
 */
package dev.sleigh.store;
