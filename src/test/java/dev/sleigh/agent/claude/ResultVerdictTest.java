package dev.sleigh.agent.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.agent.TokenUsage;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultVerdictTest {
  @Test
  void theWorkIsFinishedOnlyWhenALineHoldsTheDoneMarkerAlone() {
    assertThat(ResultVerdict.finished("All done.\nSLEIGH_DONE")).isTrue();
    assertThat(ResultVerdict.finished("  SLEIGH_DONE  \n")).isTrue();
    assertThat(ResultVerdict.finished("I will write SLEIGH_DONE when I am done.")).isFalse();
    assertThat(ResultVerdict.finished("")).isFalse();
  }

  @Test
  void aResultWithoutATypeOrOfAnUnknownShapeIsNotAMessage() {
    assertThat(StreamJson.parse("{\"subtype\":\"init\"}"))
        .isInstanceOf(StreamMessage.NotJson.class);
    assertThat(StreamJson.parse("null")).isInstanceOf(StreamMessage.NotJson.class);
    assertThat(StreamJson.parse("{\"type\":\"stream_event\",\"session_id\":\"s\"}"))
        .isEqualTo(new StreamMessage.Other("stream_event", Optional.of("s")));
  }

  @Test
  void usageCountsCachedInputAsInput() {
    var line =
        "{\"type\":\"result\",\"subtype\":\"success\",\"usage\":{\"input_tokens\":3,"
            + "\"cache_creation_input_tokens\":5,\"cache_read_input_tokens\":7,\"output_tokens\":11}}";

    var result = (StreamMessage.Result) StreamJson.parse(line);

    assertThat(result.usage()).isEqualTo(new TokenUsage(15, 11, 26));
    assertThat(result.apiErrorStatus()).isEmpty();
    assertThat(result.sessionId()).isNull();
  }
}
