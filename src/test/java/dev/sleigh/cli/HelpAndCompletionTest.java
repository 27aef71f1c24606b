package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelpAndCompletionTest {
  @TempDir Path dir;

  @Test
  void helpNamesEveryVerbAndHelpOfAVerbShowsItsCommands() {
    var cli = new CliHarness(dir);

    var all = cli.run("help");
    var commission = cli.run("help", "commission");

    assertThat(all.exit()).as(all.err()).isZero();
    assertThat(all.out()).contains("init", "commission", "run", "status", "schema", "doctor");
    assertThat(commission.exit()).as(commission.err()).isZero();
    assertThat(commission.out()).contains("Usage: sleigh commission", "create", "requeue");
  }

  @Test
  void completionIsABashScriptThatKnowsTheVerbs() {
    var r = new CliHarness(dir).run("generate-completion");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("complete -F", "commission", "schema");
  }
}
