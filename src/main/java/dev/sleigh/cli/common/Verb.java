package dev.sleigh.cli.common;

import dev.sleigh.config.LocatedFileException;
import dev.sleigh.domain.InvalidCommissionException;
import dev.sleigh.lifecycle.ErrorCode;
import dev.sleigh.lifecycle.StoreError;
import dev.sleigh.store.StoreException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A leaf command. Subclasses do their work in {@link #execute()} and throw to refuse; every refusal
 * becomes one exit code and one report, the same way for every verb.
 */
public abstract class Verb implements Callable<Integer> {
  @Spec CommandSpec spec;

  protected final CliEnvironment env;
  protected GlobalOptions options;

  protected Verb(CliEnvironment env) {
    this.env = env;
  }

  protected abstract int execute();

  @Override
  public final Integer call() {
    options = ((GlobalOptions.Root) spec.root().userObject()).globalOptions();
    try {
      return execute();
    } catch (CliFailure e) {
      return output().error(options.explained(env, e.error()));
    } catch (StoreException e) {
      return output().error(options.explained(env, e.error()));
    } catch (LocatedFileException | InvalidCommissionException e) {
      return output().error(StoreError.of(ErrorCode.INVALID, e.getMessage()));
    }
  }

  protected Output output() {
    return new Output(env, options.json());
  }
}
