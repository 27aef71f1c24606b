package dev.sleigh.cli.store;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.CliFailure;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.GlobalOptions;
import dev.sleigh.cli.common.Verb;
import dev.sleigh.cli.doctor.DoctorCommand;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.jdbc.Stores;
import dev.sleigh.workspace.Git;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sleigh init [DIR]}: a home, a commented {@code sleigh.md}, and a commented example
 * commission that {@code commission create} accepts as it is (with the decision it names); never
 * overwrites. In a git repository the home is also listed in {@code .git/info/exclude}.
 */
@Command(
    name = "init",
    description =
        "Create .sleigh/, a commented sleigh.md and commissions/example.yaml in DIR"
            + " (default: the current directory).")
public final class InitCommand extends Verb {
  static final String TEMPLATE = "/dev/sleigh/init/sleigh.md";
  static final String EXAMPLE = "/dev/sleigh/init/example.yaml";
  static final String EXAMPLE_DECISION = "dec-example";

  @Parameters(arity = "0..1", paramLabel = "DIR", description = "Where to initialise (default: .).")
  Path dir;

  InitCommand(CliEnvironment env) {
    super(env);
  }

  /** What {@code init} found and did; {@code store} is the store it opened or created. */
  record InitView(
      String home,
      String config,
      boolean configCreated,
      String example,
      boolean exampleCreated,
      String store) {}

  @Override
  protected int execute() {
    Path root = env.resolve(dir == null ? Path.of(".") : dir);
    Path home = options.explicitHome().isEmpty() ? root.resolve(".sleigh") : options.home(env);
    Path config = root.resolve("sleigh.md");
    createDirectories(root);
    createDirectories(home);
    boolean created = write(config, resource(TEMPLATE));
    if (!created) {
      output().note(config + " already exists; left as it is");
    }
    Optional<Path> repo = gitTopLevel(root);
    Path example = root.resolve("commissions").resolve("example.yaml");
    createDirectories(example.getParent());
    boolean exampleCreated = write(example, example(example.getParent(), repo));
    repo.ifPresent(top -> exclude(top, home));
    String store = createStore(home);
    output()
        .result(
            new InitView(
                home.toString(),
                config.toString(),
                created,
                example.toString(),
                exampleCreated,
                store),
            out -> {
              out.println("home    " + home);
              out.println("config  " + config + (created ? " (created)" : " (exists, unchanged)"));
              out.println(
                  "example " + example + (exampleCreated ? " (created)" : " (exists, unchanged)"));
              out.println("store   " + store);
            });
    return ExitCodes.OK;
  }

  /** The example commission, on the repository around DIR (or DIR itself, to be made one). */
  private static String example(Path dir, Optional<Path> repo) {
    Path target = repo.orElse(dir.getParent());
    String path = dir.relativize(target).toString();
    String baseRef = repo.flatMap(InitCommand::currentBranch).orElse("main");
    return resource(EXAMPLE)
        .replace("{{repo_path}}", path.isEmpty() ? "." : path)
        .replace("{{base_ref}}", baseRef);
  }

  private static Optional<Path> gitTopLevel(Path dir) {
    Git.Result r = new Git().exec(dir, List.of("rev-parse", "--show-toplevel"));
    return r.ok() ? Optional.of(Path.of(r.stdout().strip())) : Optional.empty();
  }

  private static Optional<String> currentBranch(Path repo) {
    Git.Result r = new Git().exec(repo, List.of("symbolic-ref", "--short", "-q", "HEAD"));
    return r.ok() && !r.stdout().isBlank() ? Optional.of(r.stdout().strip()) : Optional.empty();
  }

  /**
   * Lists the home in the repository's {@code info/exclude} when it lies inside the repository, so
   * that workspaces and the store never show up as changes of the repository.
   */
  private void exclude(Path repo, Path home) {
    Path absolute = home.toAbsolutePath().normalize();
    if (!absolute.startsWith(repo)) {
      return;
    }
    String pattern = "/" + repo.relativize(absolute) + "/";
    Git.Result where = new Git().exec(repo, List.of("rev-parse", "--git-path", "info/exclude"));
    if (!where.ok()) {
      return;
    }
    Path exclude = repo.resolve(where.stdout().strip());
    try {
      String text = Files.exists(exclude) ? Files.readString(exclude) : "";
      if (text.lines().anyMatch(line -> line.strip().equals(pattern))) {
        return;
      }
      Files.createDirectories(exclude.getParent());
      String line = (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + pattern + "\n";
      Files.writeString(exclude, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      output().note("cannot add " + pattern + " to " + exclude + ": " + e.getMessage());
    }
  }

  /**
   * The store, created when there is none: commands that only read refuse a home without one. The
   * store named by {@code --store} or {@code $SLEIGH_STORE}, else the SQLite file of this home.
   */
  private String createStore(Path home) {
    String url =
        options.explicitStore().orElseGet(() -> env.variable(GlobalOptions.STORE_VARIABLE));
    if (url == null) {
      url = Stores.defaultUrl(home);
    }
    try (CommissionStore store = Stores.open(url, env.clock(), env.random())) {
      if (store.decisions().find(EXAMPLE_DECISION).isEmpty()) {
        store
            .decisions()
            .add(
                EXAMPLE_DECISION,
                "Try Sleigh",
                "The decision the example commission of sleigh init carries out.");
      }
    }
    return url.startsWith("jdbc:sqlite:")
        ? url.substring("jdbc:sqlite:".length())
        : DoctorCommand.redact(url);
  }

  private static void createDirectories(Path home) {
    try {
      Files.createDirectories(home);
    } catch (IOException e) {
      throw CliFailure.invalid("cannot create " + home + ": " + e.getMessage());
    }
  }

  /** Writes {@code text} unless a file is already there; the check and write are one step. */
  private static boolean write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardOpenOption.CREATE_NEW);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw CliFailure.invalid("cannot write " + file + ": " + e.getMessage());
    }
  }

  static String resource(String name) {
    try (InputStream in = InitCommand.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }
}
