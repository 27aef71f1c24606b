/**
 * The verbs on commissions: {@code commission create|list|show|events|cancel|requeue}, and the
 * human gate's {@code approve} and {@code reject}.
 */
package dev.sleigh.cli.commission;
