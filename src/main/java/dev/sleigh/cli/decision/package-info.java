/** The verbs on decisions: {@code decision add|list|show|revise|supersede}. */
package dev.sleigh.cli.decision;
