package dev.sleigh.cli.store;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.CliFailure;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.GlobalOptions;
import dev.sleigh.cli.common.Verb;
import dev.sleigh.cli.doctor.DoctorCommand;
import dev.sleigh.store.jdbc.Stores;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sleigh init [DIR]}: a home and a commented {@code sleigh.md}; never overwrites. */
@Command(name = "init", description = "Create .sleigh/ and a commented sleigh.md in DIR.")
public final class InitCommand extends Verb {
  static final String TEMPLATE = "/dev/sleigh/init/sleigh.md";

  @Parameters(arity = "0..1", paramLabel = "DIR", description = "Where to initialise (default: .).")
  Path dir;

  InitCommand(CliEnvironment env) {
    super(env);
  }

  /** What {@code init} found and did; {@code store} is the store it opened or created. */
  record InitView(String home, String config, boolean configCreated, String store) {}

  @Override
  protected int execute() {
    Path root = env.resolve(dir == null ? Path.of(".") : dir);
    Path home = options.explicitHome().isEmpty() ? root.resolve(".sleigh") : options.home(env);
    Path config = root.resolve("sleigh.md");
    createDirectories(root);
    createDirectories(home);
    boolean created = writeTemplate(config);
    if (!created) {
      output().note(config + " already exists; left as it is");
    }
    String store = createStore(home);
    output()
        .result(
            new InitView(home.toString(), config.toString(), created, store),
            out -> {
              out.println("home   " + home);
              out.println("config " + config + (created ? " (created)" : " (exists, unchanged)"));
              out.println("store  " + store);
            });
    return ExitCodes.OK;
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
    Stores.open(url, env.clock(), env.random()).close();
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

  /** Writes the template unless a file is already there; the check and write are one step. */
  private static boolean writeTemplate(Path config) {
    try (InputStream template = InitCommand.class.getResourceAsStream(TEMPLATE)) {
      if (template == null) {
        throw new IllegalStateException("the sleigh.md template is missing from the build");
      }
      Files.write(config, template.readAllBytes(), StandardOpenOption.CREATE_NEW);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + config, e);
    }
  }
}
