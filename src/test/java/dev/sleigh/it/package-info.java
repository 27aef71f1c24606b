/**
 * Process-level tests ({@code *IT}, run by {@code mvn verify}): real {@code sleigh run} JVMs, real
 * {@code command} agents written as bash scripts, real signals (SIGKILL, SIGTERM, SIGSTOP,
 * SIGCONT). Tests wait on events (runner log lines, messages agents write to a named pipe, process
 * exits), each with a deadline, never on sleeps. May depend on anything in {@code dev.sleigh}.
 */
package dev.sleigh.it;
