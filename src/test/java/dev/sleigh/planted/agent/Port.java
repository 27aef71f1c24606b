package dev.sleigh.planted.agent;

/** The agent port; uses nothing. */
public interface Port {}
