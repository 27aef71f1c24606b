/**
 * The {@code sleigh} command line: the root command that lists the verbs, the factory that hands
 * each verb the {@link dev.sleigh.cli.common.CliEnvironment}, and the handlers that turn usage
 * errors and unexpected failures into one exit code and one report. Commands print readable text,
 * or exactly one JSON document (see {@code dev.sleigh.view}) with {@code --json}; diagnostics go to
 * stderr. The verbs live in packages by area ({@code commission}, {@code decision}, {@code run},
 * {@code delivery}, {@code store}, {@code bench}, {@code doctor}); what they share lives in {@code
 * common} and their text rendering in {@code text}, so arrows point from here to the verbs and from
 * the verbs to those two, never back. Depends on {@code domain}, {@code store}, {@code store.jdbc}
 * (to open a store by URL), {@code config} and {@code runtime}; never on the clock or randomness
 * directly, which come in through the environment.
 */
package dev.sleigh.cli;
