package dev.sleigh.agent.codex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.agent.AgentFailure;
import dev.sleigh.agent.AgentLaunchException;
import dev.sleigh.agent.AgentProcess;
import dev.sleigh.agent.AgentSession;
import dev.sleigh.agent.DoneContract;
import dev.sleigh.agent.ProcessLaunch;
import dev.sleigh.agent.SessionSpec;
import dev.sleigh.agent.StallWatch;
import dev.sleigh.agent.TokenUsage;
import dev.sleigh.agent.Turn;
import dev.sleigh.agent.TurnListener;
import dev.sleigh.agent.TurnOutcome;
import dev.sleigh.process.Watchdog;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code codex app-server} process and one codex thread for one phase attempt; each Sleigh turn
 * is a codex turn on that thread. A turn ends with {@code turn/completed}; a stall, the turn
 * timeout or a cancel sends {@code turn/interrupt} and stops the process tree when the cancel grace
 * is up.
 */
final class CodexSession implements AgentSession {
  private static final Logger LOG = LoggerFactory.getLogger(CodexSession.class);
  private static final String CLIENT_NAME = "sleigh";
  private static final Duration EXIT_LIMIT = Duration.ofMillis(500);

  private final SessionSpec spec;
  private final CodexOptions options;
  private final InstantSource clock;
  private final StallWatch watch;
  private final RpcChannel channel;
  private final AtomicReference<TokenUsage> totals = new AtomicReference<>(TokenUsage.NONE);
  private volatile TurnListener listener = TurnListener.NONE;
  private volatile boolean cancelled;
  private AgentProcess process;
  private String threadId;
  private boolean pidReported;

  private CodexSession(SessionSpec spec, CodexOptions options, InstantSource clock) {
    this.spec = spec;
    this.options = options;
    this.clock = clock;
    this.watch = new StallWatch(clock);
    this.channel =
        new RpcChannel(
            new Approvals(options.approvals(), spec.workspace()), this::message, this::approval);
  }

  /** Starts the app-server and opens a thread in the workspace; a failure stops the process. */
  static CodexSession open(
      ProcessLaunch launch, SessionSpec spec, CodexOptions options, InstantSource clock)
      throws AgentLaunchException {
    CodexSession session = new CodexSession(spec, options, clock);
    session.process = AgentProcess.startConversation(launch, session.channel::accept);
    session.channel.attach(session.process);
    try {
      session.handshake();
      return session;
    } catch (IOException | RpcException | RuntimeException e) {
      AgentLaunchException failure = session.launchFailure(e);
      session.close();
      throw failure;
    } catch (InterruptedException e) {
      session.close();
      Thread.currentThread().interrupt();
      throw new AgentLaunchException("interrupted while codex app-server was starting", e);
    }
  }

  private void handshake() throws IOException, RpcException, InterruptedException {
    Duration limit = options.readTimeout();
    channel.call(
        Protocol.INITIALIZE,
        new Protocol.InitializeParams(new Protocol.ClientInfo(CLIENT_NAME, "Sleigh", version())),
        limit);
    channel.notify(Protocol.INITIALIZED);
    JsonNode thread =
        channel.call(
            Protocol.THREAD_START,
            new Protocol.ThreadStartParams(
                spec.workspace().toAbsolutePath().toString(),
                Protocol.ASK_FOR_APPROVAL,
                options.sandbox(),
                options.tuning().model(),
                DoneContract.INSTRUCTION),
            limit);
    threadId = thread.path("thread").path("id").asText("");
    if (threadId.isEmpty()) {
      throw new RpcException("thread/start answered without a thread id");
    }
    LOG.debug("Codex thread {} started in {}", threadId, spec.workspace());
  }

  /**
   * Why the app-server did not start a thread. One that exited saying {@code Error: …} refused its
   * configuration (an unknown or reserved provider, a bad {@code -c} value): every attempt would
   * meet that again, so it is final, naming codex's own words. Any other end is retryable.
   */
  private AgentLaunchException launchFailure(Exception e) {
    boolean exited = exitedSoon();
    if (exited) {
      var refusal = StartRefusal.in(spec.logFile());
      if (refusal.isPresent()) {
        return new AgentLaunchException(
            AgentFailure.CONFIG_REFUSED,
            "codex app-server refused its configuration ("
                + refusal.get()
                + "); fix agent.codex.config or the agent.* keys in sleigh.md",
            e);
      }
    }
    String why = exited ? "it exited with code " + process.exitCode() : e.getMessage();
    return new AgentLaunchException(
        "codex app-server did not start a thread (" + why + "); its stderr is in " + spec.logFile(),
        e);
  }

  /** Whether the app-server has exited, or does within a moment, with its output read. */
  private boolean exitedSoon() {
    try {
      boolean exited = !process.isAlive() || process.waitFor(EXIT_LIMIT);
      if (exited) {
        process.awaitOutput(EXIT_LIMIT);
      }
      return exited;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  /** An approval request and its answer, for the turn's listener. */
  private void approval(dev.sleigh.agent.AgentApproval request) {
    listener.approval(request);
  }

  /** Every JSON message is a sign of life, including {@code error} notifications codex retries. */
  private void message(String line) {
    watch.touch();
    listener.activity(line);
  }

  @Override
  public TurnOutcome runTurn(Turn turn, TurnListener turnListener) throws InterruptedException {
    if (cancelled) {
      return new TurnOutcome.Cancelled();
    }
    if (!process.isAlive()) {
      return new TurnOutcome.Failed("agent_exited: code " + process.exitCode(), true);
    }
    listener = turnListener;
    if (!pidReported) {
      pidReported = true;
      turnListener.processStarted(process.pid());
    }
    try {
      return new TurnRun(this, turn).run();
    } catch (InterruptedException e) {
      process.stop(spec.timeouts().cancelGrace());
      throw e;
    } finally {
      listener = TurnListener.NONE;
    }
  }

  /** Starts a codex turn; its id once codex accepted it. */
  String startTurn(Turn turn) throws IOException, RpcException, InterruptedException {
    watch.touch();
    JsonNode started =
        channel.call(
            Protocol.TURN_START,
            new Protocol.TurnStartParams(
                threadId,
                List.of(new Protocol.TextInput(turn.prompt())),
                options.tuning().reasoningEffort()),
            options.readTimeout());
    String id = started.path("turn").path("id").asText("");
    if (id.isEmpty()) {
      throw new RpcException("turn/start answered without a turn id");
    }
    return id;
  }

  /** Asks codex to stop the turn; the answer does not matter, the grace bounds the wait. */
  void interrupt(String turnId) {
    try {
      channel.request(Protocol.TURN_INTERRUPT, new Protocol.TurnInterruptParams(threadId, turnId));
    } catch (IOException e) {
      LOG.debug("Could not ask codex to interrupt turn {}; it has gone away", turnId, e);
    }
  }

  /** Takes the totals of this session's thread; a sub-agent's thread counts its own. */
  void tokens(JsonNode params) {
    if (!threadId.equals(params.path("threadId").asText(threadId))) {
      return;
    }
    TokenUsage usage = TurnTracker.totals(params);
    totals.set(usage);
    listener.tokens(usage);
  }

  TokenUsage totals() {
    return totals.get();
  }

  /** Lines of output that were not JSON-RPC messages, so far. */
  long skippedLines() {
    return channel.skippedLines();
  }

  boolean cancelled() {
    return cancelled;
  }

  RpcChannel channel() {
    return channel;
  }

  StallWatch watch() {
    return watch;
  }

  SessionSpec.Timeouts timeouts() {
    return spec.timeouts();
  }

  InstantSource clock() {
    return clock;
  }

  Watchdog watchdog() {
    return Watchdog.shared();
  }

  AgentProcess process() {
    return process;
  }

  /** Stops the process tree, TERM first and KILL at {@code deadline}. */
  void stopBy(Instant deadline) {
    Duration left = Duration.between(clock.instant(), deadline);
    process.stop(left.isNegative() ? Duration.ZERO : left);
  }

  @Override
  public void cancel() {
    cancelled = true;
    channel.offer(new Inbound.CancelRequested());
  }

  @Override
  public long pid() {
    return process == null ? -1 : process.pid();
  }

  /** Cancels a turn still running on another thread and ends the process tree. */
  @Override
  public void close() {
    cancel();
    if (process != null) {
      process.stop(spec.timeouts().cancelGrace());
      process.close();
    }
    if (channel.skippedLines() > 0) {
      LOG.info(
          "Codex printed {} lines that were not JSON-RPC messages; they are in {}",
          channel.skippedLines(),
          spec.logFile());
    }
  }

  private static String version() {
    String v = CodexSession.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
