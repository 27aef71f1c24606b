/**
 * The {@code command} adapter: any executable as an agent, one process per turn, the prompt on
 * stdin and in {@code SLEIGH_PROMPT_FILE}, exit 0 for a completed turn. Depends on the agent port
 * and its process handling only.
 */
package dev.sleigh.agent.command;
