package dev.sleigh.cli.store;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.StoreVerb;
import dev.sleigh.domain.ByteSizes;
import dev.sleigh.store.CommissionStore;
import dev.sleigh.store.CommissionStore.BackupReport;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sleigh backup FILE}: a consistent copy of the whole store, taken while runners go on
 * writing. The copy is checked before it appears under FILE, and FILE is never overwritten. To put
 * it back: stop every runner and copy it over the store file (README, docs/store.md).
 */
@Command(
    name = "backup",
    description =
        "Write a consistent copy of the store to FILE while runners go on writing (SQLite; for"
            + " PostgreSQL use pg_dump).")
public final class BackupCommand extends StoreVerb {

  @Parameters(paramLabel = "FILE", description = "Where the copy goes; must not exist.")
  Path file;

  BackupCommand(CliEnvironment env) {
    super(env);
  }

  /** What {@code backup --json} prints. */
  record BackupView(String file, long bytes, int commissions, long events) {}

  @Override
  protected int execute(CommissionStore store) {
    BackupReport report = store.backup(env.resolve(file));
    BackupView view =
        new BackupView(
            report.file().toString(), report.bytes(), report.commissions(), report.events());
    output()
        .result(
            view,
            out ->
                out.println(
                    "backed up "
                        + view.commissions()
                        + " commissions and "
                        + view.events()
                        + " events to "
                        + view.file()
                        + " ("
                        + ByteSizes.format(view.bytes())
                        + "); checked with SQLite's integrity_check"));
    return ExitCodes.OK;
  }
}
