package dev.sleigh.cli.common;

import dev.sleigh.domain.ByteSizes;
import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.lifecycle.StoreError;
import dev.sleigh.store.jdbc.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command takes (SPEC §6.1), before or after the verb. They are declared once on
 * the root command and inherited, so their values always land in the root's instance; defaults are
 * resolved against the environment.
 */
public final class GlobalOptions {
  /**
   * The root command, which carries the global options; a verb reads them from it, so the verbs
   * need not know the command that lists them.
   */
  public interface Root {
    GlobalOptions globalOptions();
  }

  static final String HOME_VARIABLE = "SLEIGH_HOME";
  public static final String STORE_VARIABLE = "SLEIGH_STORE";

  @Option(
      scope = ScopeType.INHERIT,
      names = "--home",
      paramLabel = "DIR",
      description =
          "Sleigh's home directory (default: $SLEIGH_HOME, else the .sleigh/ of the nearest"
              + " directory from here up holding sleigh.md or .sleigh/, else ./.sleigh).")
  Path home;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--store",
      paramLabel = "URL",
      description =
          "Store URL: jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB"
              + " (default: the SQLite file in the home directory, or $SLEIGH_STORE).")
  String store;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--store-password-file",
      paramLabel = "FILE",
      description =
          "Read the PostgreSQL store's password from FILE (or $SLEIGH_STORE_PASSWORD_FILE), so"
              + " neither the command line nor the environment holds it.")
  Path storePasswordFile;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--config",
      paramLabel = "FILE",
      description =
          "The configuration file (default: the sleigh.md of the nearest directory from here up"
              + " holding sleigh.md or .sleigh/, else ./sleigh.md).")
  Path config;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--max-file-size",
      paramLabel = "SIZE",
      description =
          "Refuse commission files and sleigh.md larger than this before parsing them (default"
              + " 1MB; e.g. 5MB, 512KiB).")
  String maxFileSize;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--json",
      description = "Print exactly one JSON document on stdout.")
  boolean json;

  /** The store URL given with {@code --store}, if one was. */
  public Optional<String> explicitStore() {
    return Optional.ofNullable(store);
  }

  /** The home directory given with {@code --home}, if one was. */
  public Optional<Path> explicitHome() {
    return Optional.ofNullable(home);
  }

  public boolean json() {
    return json;
  }

  /**
   * The home directory: {@code --home}, else {@code $SLEIGH_HOME}, else the {@code .sleigh} of the
   * {@link #defaultDirectory default directory}.
   */
  public Path home(CliEnvironment env) {
    if (home != null) {
      return env.resolve(home);
    }
    String fromEnv = env.variable(HOME_VARIABLE);
    return fromEnv != null
        ? env.resolve(Path.of(fromEnv))
        : defaultDirectory(env).resolve(ProjectDirectory.HOME);
  }

  /** The configuration file: {@code --config}, else the default directory's {@code sleigh.md}. */
  public Path config(CliEnvironment env) {
    return config != null
        ? env.resolve(config)
        : defaultDirectory(env).resolve(ProjectDirectory.CONFIG);
  }

  /**
   * Where the home and configuration not given are: the working directory when a home or a
   * configuration was given (the operator chose where to work), else the nearest project directory
   * above it, looked up once per command so that its answer cannot change halfway.
   */
  private Path defaultDirectory(CliEnvironment env) {
    return projectSearch(env).map(ProjectDirectory::dir).orElse(env.cwd());
  }

  /** The walk up to the project directory, when neither a home nor a configuration was given. */
  private Optional<ProjectDirectory> projectSearch(CliEnvironment env) {
    if (home != null || config != null || env.variable(HOME_VARIABLE) != null) {
      return Optional.empty();
    }
    if (project == null || !project.searched().get(0).equals(env.cwd())) {
      project = ProjectDirectory.find(env.cwd());
    }
    return Optional.of(project);
  }

  private ProjectDirectory project;

  /**
   * {@code error} with where the home was looked for, when it says a store or home is missing that
   * the walk up chose: so the operator learns which directories were searched and how to fix it.
   */
  public StoreError explained(CliEnvironment env, StoreError error) {
    if (error.code() != ErrorCode.STORE_MISSING
        || store != null
        || env.variable(STORE_VARIABLE) != null) {
      return error;
    }
    return projectSearch(env)
        .map(
            p ->
                new StoreError(
                    error.code(),
                    error.message() + p.explanation(),
                    error.state(),
                    error.allowedStates()))
        .orElse(error);
  }

  /** The store URL: {@code --store}, else {@code $SLEIGH_STORE}, else the SQLite file in home. */
  public String storeUrl(CliEnvironment env) {
    String fromEnv = env.variable(STORE_VARIABLE);
    String url = store != null ? store : fromEnv != null ? fromEnv : Stores.defaultUrl(home(env));
    StorePasswords.registerIn(url);
    Path passwordFile =
        storePasswordFile != null
            ? env.resolve(storePasswordFile)
            : env.variable(PASSWORD_FILE_VARIABLE) == null
                ? null
                : env.resolve(Path.of(env.variable(PASSWORD_FILE_VARIABLE)));
    return passwordFile == null ? url : StorePasswords.withPasswordFrom(url, passwordFile);
  }

  static final String PASSWORD_FILE_VARIABLE = "SLEIGH_STORE_PASSWORD_FILE";

  /**
   * The options a child {@code sleigh} (the tool server an agent starts) needs to find this
   * command's home, store and configuration wherever it runs: the home, the store URL when one was
   * named (its password file, not the password read from it), and the configuration file when it
   * exists.
   */
  public List<String> forChild(CliEnvironment env) {
    List<String> out = new ArrayList<>(List.of("--home", home(env).toString()));
    String url = store != null ? store : env.variable(STORE_VARIABLE);
    if (url != null) {
      out.addAll(List.of("--store", url));
    }
    Path passwordFile =
        storePasswordFile != null
            ? env.resolve(storePasswordFile)
            : env.variable(PASSWORD_FILE_VARIABLE) == null
                ? null
                : env.resolve(Path.of(env.variable(PASSWORD_FILE_VARIABLE)));
    if (passwordFile != null) {
      out.addAll(List.of("--store-password-file", passwordFile.toString()));
    }
    Path file = config(env);
    if (Files.isRegularFile(file)) {
      out.addAll(List.of("--config", file.toString()));
    }
    if (maxFileSize != null) {
      out.addAll(List.of("--max-file-size", maxFileSize));
    }
    return out;
  }

  /** The configuration file given with {@code --config}, if one was. */
  public Optional<Path> explicitConfig() {
    return Optional.ofNullable(config);
  }

  /** The largest commission file or {@code sleigh.md} parsed, in bytes. */
  public long maxFileSize() {
    if (maxFileSize == null) {
      return 1_000_000L;
    }
    try {
      long size = ByteSizes.parse(maxFileSize);
      if (size <= 0) {
        throw new IllegalArgumentException("must be larger than 0");
      }
      return size;
    } catch (IllegalArgumentException e) {
      throw CliFailure.invalid("--max-file-size: " + e.getMessage());
    }
  }
}
