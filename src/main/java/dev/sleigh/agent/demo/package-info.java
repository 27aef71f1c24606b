/**
 * The demo agent: a built-in child program that edits the workspace from create/append/replace
 * lines in its prompt, so the quick start runs offline. Runs through the {@code command} adapter;
 * depends on the agent port, {@code agent.command} and the JDK.
 */
package dev.sleigh.agent.demo;
