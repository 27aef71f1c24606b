/**
 * The agent's tool surface: {@code sleigh mcp}, an MCP server over stdio started by an agent for
 * one session, whose tools read and write the session's commission under its lease.
 */
package dev.sleigh.runtime.tools;
