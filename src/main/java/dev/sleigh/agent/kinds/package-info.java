/**
 * Chooses an agent adapter by kind name for the composition root, so that the agent port itself
 * knows no adapter. Depends on the port and every adapter package.
 */
package dev.sleigh.agent.kinds;
