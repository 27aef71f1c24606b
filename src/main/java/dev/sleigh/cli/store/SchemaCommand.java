package dev.sleigh.cli.store;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.CliFailure;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.Verb;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sleigh schema commission|plan|config}: prints the JSON Schema of a file an operator
 * writes.
 */
@Command(
    name = "schema",
    description =
        "Print the JSON Schema of a commission file (commission), a plan file (plan) or of"
            + " sleigh.md's front matter (config); the same files are in docs/schema/.")
public final class SchemaCommand extends Verb {
  /** The files a schema describes, and where each schema is kept. */
  public enum Kind {
    COMMISSION("/dev/sleigh/schema/commission.schema.json"),
    PLAN("/dev/sleigh/schema/plan.schema.json"),
    CONFIG("/dev/sleigh/schema/sleigh.schema.json");

    private final String resource;

    Kind(String resource) {
      this.resource = resource;
    }

    /** Where the schema is kept on the class path. */
    public String resource() {
      return resource;
    }

    /** The schema itself. */
    public String text() {
      try (InputStream in = SchemaCommand.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(resource + " is missing from the build");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }
  }

  @Parameters(
      paramLabel = "FILE",
      description =
          "commission (a commission file), plan (a plan file) or config (sleigh.md's front"
              + " matter).")
  String kind;

  public SchemaCommand(CliEnvironment env) {
    super(env);
  }

  @Override
  protected int execute() {
    Kind chosen =
        switch (kind.toLowerCase(Locale.ROOT)) {
          case "commission" -> Kind.COMMISSION;
          case "plan" -> Kind.PLAN;
          case "config", "sleigh.md" -> Kind.CONFIG;
          default ->
              throw CliFailure.invalid(
                  "FILE: unknown '" + kind + "'; expected commission, plan or config");
        };
    // A schema is a JSON document already: printed as it is with or without --json.
    env.out().print(chosen.text());
    env.out().flush();
    return ExitCodes.OK;
  }
}
