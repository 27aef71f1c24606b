package dev.sleigh.agent.claude;

import dev.sleigh.agent.FakeAgents;
import dev.sleigh.agent.TokenUsage;
import dev.sleigh.agent.TurnListener;
import dev.sleigh.domain.ApprovalPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake {@code claude} program: a bash script that replays a recorded stream-json transcript (one
 * from {@code src/test/resources/dev/sleigh/agent/claude}) and notes how it was run: its argv,
 * stdin, working directory and environment, one set of files per run.
 */
final class FakeClaude {
  private static final String SCRIPT =
      """
      n=$(( $(ls "$FAKE_CLAUDE_DIR" | grep -c '^argv-') + 1 ))
      printf '%s\\n' "$@" > "$FAKE_CLAUDE_DIR/argv-$n"
      cat > "$FAKE_CLAUDE_DIR/stdin-$n"
      pwd > "$FAKE_CLAUDE_DIR/cwd-$n"
      env > "$FAKE_CLAUDE_DIR/env-$n"
      transcript=$FAKE_CLAUDE_FIRST
      if [[ " $* " == *" --resume "* ]]; then transcript=$FAKE_CLAUDE_RESUMED; fi
      cat "$transcript"
      if [[ $FAKE_CLAUDE_THEN == hang ]]; then exec sleep 60; fi
      exit "${FAKE_CLAUDE_EXIT:-0}"
      """;

  final Path dir;
  final Path program;
  private final Map<String, String> env = new HashMap<>();

  FakeClaude(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir.resolve("fake-claude"));
    this.program = FakeAgents.script(dir, "claude", SCRIPT);
    env.put("FAKE_CLAUDE_DIR", this.dir.toString());
  }

  /** Replays {@code transcript} on a first run and {@code resumed} on a run with --resume. */
  FakeClaude replaying(String transcript, String resumed) {
    env.put("FAKE_CLAUDE_FIRST", resource(transcript).toString());
    env.put("FAKE_CLAUDE_RESUMED", resource(resumed).toString());
    return this;
  }

  FakeClaude replaying(String transcript) {
    return replaying(transcript, transcript);
  }

  FakeClaude exitingWith(int code) {
    env.put("FAKE_CLAUDE_EXIT", Integer.toString(code));
    return this;
  }

  /** After the transcript, the program stays up, silent, until it is killed. */
  FakeClaude thenHanging() {
    env.put("FAKE_CLAUDE_THEN", "hang");
    return this;
  }

  ClaudeSettings settings(ApprovalPolicy approval, List<String> allowedTools) {
    return new ClaudeSettings(List.of(program.toString()), env, approval, allowedTools);
  }

  ClaudeSettings settings() {
    return settings(ApprovalPolicy.WORKSPACE, List.of());
  }

  /** The argv of run {@code n} (1-based), without the program. */
  List<String> argv(int n) {
    return read("argv-" + n).lines().toList();
  }

  String stdin(int n) {
    return read("stdin-" + n);
  }

  String cwd(int n) {
    return read("cwd-" + n).strip();
  }

  List<String> env(int n) {
    return read("env-" + n).lines().toList();
  }

  private String read(String name) {
    try {
      return Files.readString(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path resource(String name) {
    try {
      return Path.of(FakeClaude.class.getResource(name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalArgumentException("no transcript " + name, e);
    }
  }

  /** Remembers pids and token totals; activity goes to a delegate. */
  static final class Recorder implements TurnListener {
    final List<Long> pids = new CopyOnWriteArrayList<>();
    final List<TokenUsage> tokens = new CopyOnWriteArrayList<>();
    private final TurnListener lines;

    Recorder(TurnListener lines) {
      this.lines = lines;
    }

    @Override
    public void activity(String line) {
      lines.activity(line);
    }

    @Override
    public void processStarted(long pid) {
      pids.add(pid);
    }

    @Override
    public void tokens(TokenUsage totals) {
      tokens.add(totals);
    }
  }
}
