package dev.sleigh.workspace;

import dev.sleigh.process.Child;
import dev.sleigh.process.ChildLaunch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs {@code git -C <dir> ...} as a child process: argv list, cwd {@code dir}, stdin closed, no
 * terminal prompts, a fixed committer identity, output captured through files, and the whole
 * process tree destroyed when the timeout passes.
 */
public final class Git {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /**
   * The variables of the runner's environment git gets: where to find programs and its own
   * configuration, and how to reach remotes (an SSH agent, a proxy). Nothing that would point it at
   * another repository than {@code -C} names, and no other variable of the runner.
   */
  private static final List<String> INHERITED =
      List.of(
          "PATH",
          "HOME",
          "USER",
          "LANG",
          "TMPDIR",
          "XDG_CONFIG_HOME",
          "SSH_AUTH_SOCK",
          "GIT_SSH",
          "GIT_SSH_COMMAND",
          "http_proxy",
          "https_proxy",
          "no_proxy",
          "HTTP_PROXY",
          "HTTPS_PROXY",
          "NO_PROXY");

  /** Failures that say nothing about the repository itself, so a later attempt may succeed. */
  private static final Pattern TRANSIENT =
      Pattern.compile(
          "could not resolve host|failed to connect|connection (timed out|refused|reset)"
              + "|operation timed out|temporary failure|early eof|rpc failed|hung up unexpectedly"
              + "|\\.lock': file exists|unable to create '.*\\.lock'"
              // another process adding a worktree of the same repository at the same moment
              + "|failed to read .*/worktrees/.*: ");

  private static final Pattern URL_CREDENTIALS = Pattern.compile("://[^/@\\s]+@");
  private static final Duration REAP_TIMEOUT = Duration.ofSeconds(5);

  /** How many commits' trees a git and the gits made from it keep known. */
  static final int KNOWN_TREES = 256;

  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  private final Duration timeout;
  private final Map<String, String> overrides;

  /** Commit id to its tree, the least lately used forgotten first; shared by {@link #with}. */
  private final Map<String, String> trees;

  public Git() {
    this(DEFAULT_TIMEOUT);
  }

  public Git(Duration timeout) {
    this(timeout, Map.of(), knownTrees());
  }

  private Git(Duration timeout, Map<String, String> overrides, Map<String, String> trees) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("git timeout must be positive, was " + timeout);
    }
    this.timeout = timeout;
    this.overrides = Map.copyOf(overrides);
    this.trees = trees;
  }

  private static Map<String, String> knownTrees() {
    return Collections.synchronizedMap(
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > KNOWN_TREES;
          }
        });
  }

  /**
   * The same git, staging into {@code indexFile} instead of the repository's own index: a scratch
   * index lets delivery snapshot or build a tree without touching anyone's staging area.
   */
  public Git withIndexFile(Path indexFile) {
    return with(Map.of("GIT_INDEX_FILE", indexFile.toAbsolutePath().toString()));
  }

  /** The same git with {@code variables} set in its environment on top of this one's. */
  public Git with(Map<String, String> variables) {
    Map<String, String> all = new HashMap<>(overrides);
    all.putAll(variables);
    return new Git(timeout, all, trees);
  }

  /**
   * The tree of {@code commit}, which {@code dir}'s repository holds. A commit's tree never
   * changes, so git is asked once per commit id (of the last {@link #KNOWN_TREES} asked about).
   */
  public String treeOf(Path dir, String commit) {
    String known = trees.get(commit);
    if (known != null) {
      return known;
    }
    String tree = run(dir, "rev-parse", "--verify", commit + "^{tree}").strip();
    if (COMMIT.matcher(commit).matches()) {
      trees.put(commit, tree);
    }
    return tree;
  }

  /** What a finished git process left behind. */
  public record Result(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /** Runs git in {@code dir} and returns its stdout; a non-zero exit is thrown as a failure. */
  public String run(Path dir, String... args) {
    Result result = exec(dir, List.of(args));
    if (!result.ok()) {
      throw failure(dir, List.of(args), result);
    }
    return result.stdout();
  }

  /**
   * Runs git in {@code dir} with its stdin read from {@code input} and its stdout written to {@code
   * output}, bytes as they are (a pack, say); a non-zero exit is thrown as a failure.
   */
  public void runBetweenFiles(Path dir, Path input, Path output, String... args) {
    Path err = null;
    try {
      err = Files.createTempFile("sleigh-git-", ".err");
      Files.deleteIfExists(output);
      try (Child process =
          start(
              dir,
              List.of(args),
              new ChildLaunch.Input.FromFile(input),
              new ChildLaunch.Output.ToFiles(output, err))) {
        int exit = await(process, dir, List.of(args));
        if (exit != 0) {
          throw failure(dir, List.of(args), new Result(exit, "", read(err).strip()));
        }
      }
    } catch (IOException e) {
      throw new WorkspaceException(
          describe(dir, List.of(args)) + " could not be run: " + e.getMessage(), false, e);
    } finally {
      deleteQuietly(err);
    }
  }

  /** Runs git in {@code dir}; a non-zero exit is returned, a timeout or a failed start thrown. */
  public Result exec(Path dir, List<String> args) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("sleigh-git-", ".out");
      err = Files.createTempFile("sleigh-git-", ".err");
      try (Child process =
          start(
              dir,
              args,
              new ChildLaunch.Input.Nothing(),
              new ChildLaunch.Output.ToFiles(out, err))) {
        int exit = await(process, dir, args);
        return new Result(exit, read(out), read(err).strip());
      }
    } catch (IOException e) {
      throw new WorkspaceException(
          describe(dir, args) + " could not be run: " + e.getMessage(), false, e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  /** The failure for a finished git call, final unless its stderr names a passing condition. */
  static WorkspaceException failure(Path dir, List<String> args, Result result) {
    boolean retryable = TRANSIENT.matcher(result.stderr().toLowerCase(Locale.ROOT)).find();
    return new WorkspaceException(
        describe(dir, args)
            + " failed (exit "
            + result.exitCode()
            + "): "
            + redact(result.stderr()),
        retryable);
  }

  private Child start(
      Path dir, List<String> args, ChildLaunch.Input input, ChildLaunch.Output output)
      throws IOException {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "git",
                "-C",
                dir.toString(),
                "-c",
                "user.name=sleigh",
                "-c",
                "user.email=sleigh@localhost",
                // A repository's hooks are the agent's to write: none runs with the runner's
                // rights.
                "-c",
                "core.hooksPath=/dev/null"));
    argv.addAll(args);
    // Only what git needs of the runner's environment: its other variables (the store URL and
    // any secret among them) are nothing git, or a filter an agent configured, should see.
    Map<String, String> env = new HashMap<>();
    for (String name : INHERITED) {
      String value = System.getenv(name);
      if (value != null) {
        env.put(name, value);
      }
    }
    env.putAll(overrides);
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("LC_ALL", "C");
    return Child.start(new ChildLaunch(argv, dir, env, input, output));
  }

  private int await(Child process, Path dir, List<String> args) {
    try {
      if (process.waitFor(timeout)) {
        return process.exitCode();
      }
      process.kill(REAP_TIMEOUT);
      throw new WorkspaceException(
          describe(dir, args)
              + " timed out after "
              + timeout
              + "; the process and its children were killed",
          true);
    } catch (InterruptedException e) {
      process.kill(REAP_TIMEOUT);
      Thread.currentThread().interrupt();
      throw new WorkspaceException(describe(dir, args) + " was interrupted", true, e);
    }
  }

  static String describe(Path dir, List<String> args) {
    return redact("git -C " + dir + " " + String.join(" ", args));
  }

  /** Keeps credentials written into a URL out of messages, logs and events. */
  static String redact(String text) {
    return URL_CREDENTIALS.matcher(text).replaceAll("://***@");
  }

  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover temp file is harmless; the git outcome is what matters to the caller.
    }
  }
}
