/**
 * The verbs that run and watch the runner: {@code run} (with its drive loop and log levels), {@code
 * serve} (the status API and its access options), {@code status}, {@code logs} and {@code demo}.
 */
package dev.sleigh.cli.run;
