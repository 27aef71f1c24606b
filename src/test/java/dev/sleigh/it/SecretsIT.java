package dev.sleigh.it;

import static dev.sleigh.it.SleighProject.EXIT;
import static dev.sleigh.it.SleighProject.LINE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sleigh.it.SleighProject.Tuning;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile agent tries to get the runner's secrets out: it prints its own keys, and plants scripts
 * that the commission's evidence and a hook run, which print their whole environment and read the
 * runner's environment and command line from {@code /proc}. Secrets are given every way an operator
 * gives them: in the runner's environment, through {@code agent.env}, {@code hooks.env} and {@code
 * evidence.env} (from variables and from files), and as the store's password in its URL. None of
 * them appears in the store, the logs, the CLI's views, the HTTP API or {@code /metrics}; the
 * places where the agent put them show {@code ***} instead.
 */
class SecretsIT {
  /** Prints its keys, then plants the evidence script and the hook that try to get the rest. */
  private static final String HOSTILE_AGENT =
      """
      echo "agent sees AGENT_KEY=$AGENT_KEY FILE_KEY=$FILE_KEY"
      echo "on stderr AGENT_KEY=$AGENT_KEY" >&2
      mkdir -p src
      cat > src/steal.sh <<'STEAL'
      echo "--- printenv"
      printenv
      p=$$
      while [ "$p" -gt 1 ] && ! tr '\\0' ' ' < /proc/$p/cmdline | grep -q 'Main'; do
        p=$(awk '{print $4}' /proc/$p/stat)
      done
      echo "--- the runner's environment ($p)"
      tr '\\0' '\\n' < /proc/$p/environ
      echo "--- the runner's command line"
      tr '\\0' ' ' < /proc/$p/cmdline
      echo
      STEAL
      echo "$SLEIGH_COMMISSION_ID $SLEIGH_PHASE" >> src/work.txt
      """;

  @TempDir Path tmp;

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void noSecretReachesTheStoreTheLogsTheViewsTheApiOrMetrics(TestInfo test) throws Exception {
    Map<String, String> secrets = new LinkedHashMap<>();
    String nonce = Long.toString(System.nanoTime(), 36);
    secrets.put("runner", "runner-api-token-" + nonce);
    secrets.put("agent variable", "agent-variable-secret-" + nonce);
    secrets.put("agent file", "agent-file-secret-" + nonce);
    secrets.put("hook file", "hook-file-secret-" + nonce);
    secrets.put("evidence variable", "evidence-variable-secret-" + nonce);
    secrets.put("store password", "store-password-" + nonce);
    String plain = "plain-runner-variable-" + nonce;

    try (PostgresServer server = PostgresServer.start(tmp.resolve("pgdata"))) {
      String url = server.createDatabase("sleigh") + "&password=" + secrets.get("store password");
      try (SleighProject project =
          new SleighProject(
              tmp.resolve("project"),
              getClass().getSimpleName() + "." + test.getTestMethod().orElseThrow().getName(),
              url)) {
        project.configure(HOSTILE_AGENT, Tuning.standard().stallTimeout("60s"));
        Path agentKey = project.write("agent-key", secrets.get("agent file") + "\n");
        Path hookKey = project.write("hook-key", secrets.get("hook file") + "\n");
        configureSecrets(project, agentKey, hookKey);
        project.runnerVariable("RUNNER_API_TOKEN", secrets.get("runner"));
        project.runnerVariable("AGENT_SOURCE", secrets.get("agent variable"));
        project.runnerVariable("EVIDENCE_SOURCE", secrets.get("evidence variable"));
        project.runnerVariable("RUNNER_PLAIN", plain);
        project.commissionWithEvidence("wc-a", "tests", "bash src/steal.sh");

        SleighProcess runner = project.runner("runner-1", "--drain");
        assertThat(runner.awaitExit(Duration.ofSeconds(150))).as(runner.log()).isZero();

        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("store", storeDump(url));
        shown.put("files", filesUnder(project.home(), project.dir.resolve("logs")));
        for (String[] args :
            List.of(
                new String[] {"commission", "show", "wc-a", "--json"},
                new String[] {"commission", "events", "wc-a", "--json"},
                new String[] {"result", "wc-a"},
                new String[] {"result", "wc-a", "--json"},
                new String[] {"logs", "wc-a"},
                new String[] {"status", "--json"})) {
          SleighProject.Cli out = project.cli(args);
          shown.put(String.join(" ", args), out.out() + out.err());
        }
        shown.putAll(served(project, url));

        String everything = String.join("\n", shown.values());
        assertThat(everything)
            .as("the hostile scripts ran and their output was kept, secrets hidden")
            .contains("EVIDENCE_KEY=***", "HOOK_KEY=***", "RUNNER_API_TOKEN=***")
            .contains("AGENT_KEY=***", "FILE_KEY=***", "password=***");
        List<String> leaks = new ArrayList<>();
        shown.forEach(
            (where, text) ->
                secrets.forEach(
                    (what, secret) -> {
                      if (text.contains(secret)) {
                        leaks.add(what + " secret in " + where);
                      }
                    }));
        assertThat(leaks).as("secrets shown").isEmpty();
        String hookLog = filesUnder(project.home().resolve("logs"));
        assertThat(hookLog)
            .as("a hook's printenv shows only the minimal environment and what is configured")
            .contains("HOOK_KEY=***");
        assertThat(printenvSections(hookLog)).isNotEmpty().noneMatch(s -> s.contains(plain));
      }
    }
  }

  /**
   * The project's {@code sleigh.md} with secrets for the agent (from a variable and a file), for
   * hooks (a file) and for evidence (a variable); the hook that runs after every agent run runs the
   * planted script when there is one.
   */
  private static void configureSecrets(SleighProject project, Path agentKey, Path hookKey)
      throws IOException {
    Path config = project.dir.resolve("sleigh.md");
    String text = Files.readString(config);
    String marker = "env: {" + AgentProcesses.MARKER + ":";
    assertThat(text).contains(marker);
    text =
        text.replace(
            marker,
            "env: {AGENT_KEY: \"${AGENT_SOURCE}\", FILE_KEY: \"${file:"
                + agentKey
                + "}\", "
                + AgentProcesses.MARKER
                + ":");
    int close = text.indexOf("\n---\n");
    text =
        text.substring(0, close)
            + "\nhooks: {after_run: {run: \"if [ -f src/steal.sh ]; then bash src/steal.sh; fi\","
            + " policy: warning}, env: {HOOK_KEY: \"${file:"
            + hookKey
            + "}\"}}\nevidence: {env: {EVIDENCE_KEY: \"${EVIDENCE_SOURCE}\"}}"
            + text.substring(close);
    Files.writeString(config, text);
  }

  /** Every row of every table of the store, as text. */
  private static String storeDump(String url) throws Exception {
    StringBuilder out = new StringBuilder();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet r =
          s.executeQuery(
              "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
        while (r.next()) {
          tables.add(r.getString(1));
        }
      }
      assertThat(tables).contains("events");
      for (String table : tables) {
        try (ResultSet r = s.executeQuery("SELECT t::text FROM \"" + table + "\" t")) {
          while (r.next()) {
            out.append(table).append(": ").append(r.getString(1)).append('\n');
          }
        }
      }
    }
    return out.toString();
  }

  /** The content of every file under {@code dirs}, bytes as Latin-1 so nothing is lost. */
  private static String filesUnder(Path... dirs) throws IOException {
    StringBuilder out = new StringBuilder();
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          out.append("=== ").append(f).append('\n');
          out.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).append('\n');
        }
      }
    }
    return out.toString();
  }

  /** What each {@code printenv} of the planted script printed, up to its next section. */
  private static List<String> printenvSections(String text) {
    List<String> sections = new ArrayList<>();
    Matcher m = Pattern.compile("--- printenv\n(.*?)--- the runner", Pattern.DOTALL).matcher(text);
    while (m.find()) {
      sections.add(m.group(1));
    }
    return sections;
  }

  /** The API's and the metrics' answers, from a server on the store. */
  private static Map<String, String> served(SleighProject project, String url) throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    SleighProcess serve =
        SleighProcess.start(
            "serve",
            project.dir,
            project.dir.resolve("logs"),
            List.of(
                "--home",
                project.home().toString(),
                "--store",
                url,
                "serve",
                "--port",
                Integer.toString(port)));
    try {
      // written once the server listens (its address goes to stdout)
      serve.awaitLine(Pattern.compile("press Ctrl-C to stop"), LINE);
      String base = "http://127.0.0.1:" + port;
      HttpClient http = HttpClient.newHttpClient();
      Map<String, String> answers = new LinkedHashMap<>();
      for (String path :
          List.of(
              "/api/v1/commissions",
              "/api/v1/commissions/wc-a",
              "/api/v1/commissions/wc-a/events",
              "/metrics")) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(base + path)).timeout(LINE).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        answers.put("GET " + path, r.body());
      }
      return answers;
    } finally {
      serve.term();
      serve.awaitExit(EXIT);
    }
  }
}
