/** {@code sleigh plan}: plan files applied to the store, and their entries' commissions. */
package dev.sleigh.cli.plan;
