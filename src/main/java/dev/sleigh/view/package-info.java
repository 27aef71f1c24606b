/**
 * The JSON views of the operator surfaces: what {@code --json} prints and what the HTTP API will
 * serve. Each view is a record built from domain and store values; keys are snake_case and instants
 * ISO-8601 strings. Views only grow: a field once published stays. Depends on {@code domain},
 * {@code store} and the JSON library.
 */
package dev.sleigh.view;
