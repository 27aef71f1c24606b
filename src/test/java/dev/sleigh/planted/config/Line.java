package dev.sleigh.planted.config;

/** The one subtype {@link Entry} permits. */
public record Line(String text) implements Entry {}
