/**
 * The {@code claude} adapter: each turn runs the {@code claude} command line once in print mode
 * with newline-delimited JSON output ({@code -p --output-format stream-json --verbose}), the prompt
 * on stdin; continuation turns resume the session the first turn reported. The final {@code result}
 * message decides the turn. Depends on the agent port and its process handling, Jackson (to read
 * the messages), SLF4J and the JDK.
 */
package dev.sleigh.agent.claude;
