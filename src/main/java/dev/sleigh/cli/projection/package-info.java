/** {@code sleigh projection …}: the publications of completed commissions and their debts. */
package dev.sleigh.cli.projection;
