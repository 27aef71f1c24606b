/**
 * Child processes, in one place: every program Sleigh starts (agents, hooks, evidence commands,
 * git, the programs doctor asks) is a {@link dev.sleigh.process.Child} — argv list, explicit cwd
 * and environment, a process group of its own through {@code setsid} where the system has it, a
 * marker in its environment that its descendants inherit, output read on platform threads, and a
 * stop that ends the whole tree (TERM, grace, KILL until nothing runs). {@link
 * dev.sleigh.process.LiveChildren} lists what this JVM started; {@link dev.sleigh.process.Watchdog}
 * checks their limits on platform threads no agent can starve; {@link dev.sleigh.process.ProcTable}
 * reads {@code /proc}. Depends on the JDK and SLF4J only.
 */
package dev.sleigh.process;
