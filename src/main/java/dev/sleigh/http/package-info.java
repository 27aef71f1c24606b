/**
 * The HTTP surface of SPEC §6.3: a small server on the JDK's built-in HTTP (or HTTPS) server that
 * serves the same view records as {@code --json} ({@code /api/v1/...}), plain-text metrics computed
 * from the store at scrape time ({@code /metrics}), and the dashboard page with its script ({@code
 * /}). Reads go straight to the store, lists a page at a time; status is built by the one function
 * the CLI uses, with the same settings; the only writes are an operator's approve, reject, cancel
 * and requeue, which need the bearer token. What a commission's detail shows from outside the store
 * (its change, its logs) comes through {@link dev.sleigh.http.CommissionFiles}. Binds loopback only
 * unless remote access is asked for; a server open to remote clients needs the token for every
 * request, and on a non-loopback address TLS (or the operator's explicit acceptance of plain HTTP).
 * Depends on {@code domain}, the {@code store} port, {@code view} and the metrics library; never on
 * a concrete store, the runtime or the command line. Time and randomness come in from outside.
 */
package dev.sleigh.http;
