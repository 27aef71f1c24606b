/**
 * The HTTP surface of SPEC §6.3: a small server on the JDK's built-in HTTP (or HTTPS) server that
 * serves the same view records as {@code --json} ({@code /api/v1/...}), plain-text metrics computed
 * from the store at scrape time ({@code /metrics}), and the dashboard page with its script ({@code
 * /}). Reads go straight to the store; the only writes are an operator's approve and reject, which
 * need the bearer token. Binds loopback only unless remote access is asked for; a server open to
 * remote clients needs the token for every request, and on a non-loopback address TLS (or the
 * operator's explicit acceptance of plain HTTP). Depends on {@code domain}, the {@code store} port,
 * {@code view} and the metrics library; never on a concrete store, the runtime or the command line.
 * Time and randomness come in from outside.
 */
package dev.sleigh.http;
