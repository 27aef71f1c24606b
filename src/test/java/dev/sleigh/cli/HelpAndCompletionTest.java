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

  @Test
  void aCommandBuildsOnlyTheVerbsItNamesAndEverythingElseSeesThemAll() {
    var env = new CliHarness(dir).env();

    assertThat(
            SleighCommand.commandLine(env, new String[] {"--home", "x", "status"}).getSubcommands())
        .containsOnlyKeys("status");
    // an option's value that is also a verb's name costs one more verb, never a wrong parse
    assertThat(
            SleighCommand.commandLine(env, new String[] {"--home", "run", "status", "--json"})
                .getSubcommands())
        .containsOnlyKeys("run", "status");
    assertThat(SleighCommand.commandLine(env, new String[] {"--version"}).getSubcommands())
        .hasSize(SleighCommand.VERBS.size());
    assertThat(SleighCommand.commandLine(env, new String[] {"help", "status"}).getSubcommands())
        .hasSize(SleighCommand.VERBS.size());
  }

  @Test
  void aMistypedVerbIsRefusedWithTheVerbsThatExist() {
    var r = new CliHarness(dir).run("statsu");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("statsu", "status");
  }
}
