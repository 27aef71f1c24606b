/**
 * A miniature of the house that breaks every rule of {@link dev.sleigh.HouseRules} once: each room
 * here holds one class that reaches where its room must not, beside a reach it may make. {@link
 * dev.sleigh.HouseRulesTest} checks the rules against it; nothing here is ever run. The config room
 * also holds two classes that reach each other through a lambda and a nested class, and a sealed
 * type with its subtype, for {@link dev.sleigh.ClassCyclesTest}.
 */
package dev.sleigh.planted;
