package dev.sleigh.agent.codex;

/** Codex answered a request with a JSON-RPC error, or did not answer it in time. */
final class RpcException extends Exception {
  RpcException(String message) {
    super(message);
  }
}
