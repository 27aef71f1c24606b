package dev.sleigh.agent.claude;

import java.util.Optional;

/**
 * What one run of {@code claude} has said so far: the session it reported, its final result, and
 * how many lines were not messages. Written by the stdout reader, read by the waiting thread once
 * the output has drained.
 */
final class TurnTranscript {
  private String sessionId;
  private StreamMessage.Result result;
  private int messages;
  private int skipped;

  /** Reads one stdout line; returns the message it held. */
  synchronized StreamMessage accept(String line) {
    StreamMessage message = StreamJson.parse(line);
    if (message instanceof StreamMessage.NotJson) {
      skipped++;
      return message;
    }
    messages++;
    message.session().ifPresent(id -> sessionId = id);
    if (message instanceof StreamMessage.Result r) {
      result = r;
    }
    return message;
  }

  synchronized Optional<String> sessionId() {
    return Optional.ofNullable(sessionId);
  }

  synchronized Optional<StreamMessage.Result> result() {
    return Optional.ofNullable(result);
  }

  synchronized int messages() {
    return messages;
  }

  /** Lines that were not JSON messages (warnings, progress text, broken lines). */
  synchronized int skipped() {
    return skipped;
  }
}
