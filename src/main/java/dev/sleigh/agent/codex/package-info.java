/**
 * The {@code codex} adapter: one {@code codex app-server} process per phase attempt, spoken to in
 * newline-delimited JSON-RPC over its stdin and stdout ({@link dev.sleigh.agent.codex.RpcChannel},
 * owned with the process by a {@link dev.sleigh.agent.codex.CodexConnection}); one thread per
 * session, one codex turn per Sleigh turn ({@link dev.sleigh.agent.codex.CodexSession} runs each as
 * a {@link dev.sleigh.agent.codex.TurnRun}, which sees the connection and never the session). The
 * message shapes follow the schema of the codex release the tests run against ({@link
 * dev.sleigh.agent.codex.Protocol}). Depends on the agent port and its process handling, Jackson
 * and SLF4J only.
 */
package dev.sleigh.agent.codex;
