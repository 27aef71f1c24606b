package dev.sleigh.cli.decision;

import dev.sleigh.cli.common.CliEnvironment;
import dev.sleigh.cli.common.CliFailure;
import dev.sleigh.cli.common.ExitCodes;
import dev.sleigh.cli.common.StoreVerb;
import dev.sleigh.domain.Decision;
import dev.sleigh.view.DecisionView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;

/** What the decision verbs share: reading a body file and printing one decision. */
abstract class DecisionVerb extends StoreVerb {

  protected DecisionVerb(CliEnvironment env) {
    super(env);
  }

  /** The body file's text, or null when none was given; a missing file is a usage error. */
  protected String readBody(Path bodyFile) {
    if (bodyFile == null) {
      return null;
    }
    Path file = env.resolve(bodyFile);
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw CliFailure.invalid("--body-file: no such file: " + file);
    } catch (IOException e) {
      throw CliFailure.invalid("--body-file: cannot read " + file + ": " + e.getMessage());
    }
  }

  /** Prints the decision: its view as JSON, or a short summary. */
  protected int print(String verb, Decision decision) {
    DecisionView view = DecisionView.of(decision);
    output()
        .result(
            view,
            out -> {
              if (verb != null) {
                out.println(verb + " " + view.id());
              }
              out.println(
                  view.id()
                      + "  "
                      + view.status()
                      + "  revision "
                      + view.revisionNumber()
                      + " "
                      + view.revision());
              out.println("  title: " + view.title());
              if (view.supersededBy() != null) {
                out.println("  superseded by: " + view.supersededBy());
              }
              out.println("  updated: " + DateTimeFormatter.ISO_INSTANT.format(view.updatedAt()));
            });
    return ExitCodes.OK;
  }
}
