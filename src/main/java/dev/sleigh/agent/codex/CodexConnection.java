package dev.sleigh.agent.codex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sleigh.agent.AgentApproval;
import dev.sleigh.agent.AgentLaunchException;
import dev.sleigh.agent.AgentProcess;
import dev.sleigh.agent.DoneContract;
import dev.sleigh.agent.ProcessLaunch;
import dev.sleigh.agent.SessionSpec;
import dev.sleigh.agent.StallWatch;
import dev.sleigh.agent.TokenUsage;
import dev.sleigh.agent.Turn;
import dev.sleigh.agent.TurnListener;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running {@code codex app-server} with its thread open: the process tree, the JSON-RPC channel
 * that answers codex's requests per the approval policy, the thread's token totals, and the
 * listener of the turn in flight, which sees every message and approval on the reader thread. A
 * session runs its turns over it; a turn asks it to start, interrupt and stop.
 */
final class CodexConnection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CodexConnection.class);
  private static final String CLIENT_NAME = "sleigh";

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

  private CodexConnection(SessionSpec spec, CodexOptions options, InstantSource clock) {
    this.spec = spec;
    this.options = options;
    this.clock = clock;
    this.watch = new StallWatch(clock);
    this.channel =
        new RpcChannel(
            new Approvals(options.approvals(), spec.workspace()), this::message, this::approval);
  }

  /** Starts the app-server and opens a thread in the workspace; a failure stops the process. */
  static CodexConnection open(
      ProcessLaunch launch, SessionSpec spec, CodexOptions options, InstantSource clock)
      throws AgentLaunchException {
    CodexConnection connection = new CodexConnection(spec, options, clock);
    connection.process = AgentProcess.startConversation(launch, connection.channel::accept);
    connection.channel.attach(connection.process);
    try {
      connection.handshake();
      return connection;
    } catch (IOException | RpcException | RuntimeException e) {
      AgentLaunchException failure = StartFailure.of(connection.process, spec.logFile(), e);
      connection.close();
      throw failure;
    } catch (InterruptedException e) {
      connection.close();
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

  /** Who hears of messages, approvals and token totals: the running turn's listener, or nobody. */
  void listenWith(TurnListener turnListener) {
    listener = turnListener;
  }

  /** An approval request and its answer, for the turn's listener. */
  private void approval(AgentApproval request) {
    listener.approval(request);
  }

  /** Every JSON message is a sign of life, including {@code error} notifications codex retries. */
  private void message(String line) {
    watch.touch();
    listener.activity(line);
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

  /** Takes the totals of this connection's thread; a sub-agent's thread counts its own. */
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

  AgentProcess process() {
    return process;
  }

  /** Stops the process tree, TERM first and KILL at {@code deadline}. */
  void stopBy(Instant deadline) {
    Duration left = Duration.between(clock.instant(), deadline);
    process.stop(left.isNegative() ? Duration.ZERO : left);
  }

  /** Marks the connection cancelled and wakes a turn waiting on the channel. */
  void cancel() {
    cancelled = true;
    channel.offer(new Inbound.CancelRequested());
  }

  long pid() {
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
    String v = CodexConnection.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
