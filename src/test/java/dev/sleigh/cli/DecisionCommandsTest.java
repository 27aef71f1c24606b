package dev.sleigh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionCommandsTest {
  @TempDir Path dir;

  @Test
  void addedDecisionShowsItsCurrentRevisionAndHistory() {
    var cli = new CliHarness(dir);
    cli.write("body.md", "Time out logins after 30s.\n");

    var added =
        cli.run(
            "decision",
            "add",
            "--id",
            "dec-auth",
            "--title",
            "Auth timeouts",
            "--body-file",
            "body.md");
    JsonNode shown = cli.run("decision", "show", "dec-auth", "--json").json();

    assertThat(added.exit()).as(added.err()).isZero();
    assertThat(added.out()).contains("dec-auth", "active");
    assertThat(shown.path("id").asText()).isEqualTo("dec-auth");
    assertThat(shown.path("title").asText()).isEqualTo("Auth timeouts");
    assertThat(shown.path("status").asText()).isEqualTo("active");
    assertThat(shown.path("superseded_by").isNull()).isTrue();
    assertThat(shown.path("created_at").asText()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(shown.path("updated_at").asText()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(shown.path("revisions")).hasSize(1);
    JsonNode first = shown.path("revisions").get(0);
    assertThat(first.path("number").asInt()).isEqualTo(1);
    assertThat(first.path("created_at").asText()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(shown.path("revision").asText()).isEqualTo(first.path("hash").asText()).hasSize(64);
  }

  @Test
  void reviseAddsARevisionWithANewHash() {
    var cli = new CliHarness(dir);
    String first = cli.decision("dec-auth");
    cli.write("new-body.md", "Time out after 60s instead.\n");

    var revised =
        cli.run(
            "decision",
            "revise",
            "dec-auth",
            "--title",
            "Longer timeouts",
            "--body-file",
            "new-body.md",
            "--json");

    assertThat(revised.exit()).as(revised.err()).isZero();
    JsonNode view = revised.json();
    assertThat(view.path("revision").asText()).isNotEqualTo(first);
    assertThat(view.path("title").asText()).isEqualTo("Longer timeouts");
    assertThat(view.path("revisions")).hasSize(2);
    assertThat(view.path("revisions").get(0).path("hash").asText()).isEqualTo(first);
    assertThat(view.path("revisions").get(1).path("number").asInt()).isEqualTo(2);
  }

  @Test
  void supersededDecisionNamesItsSuccessor() {
    var cli = new CliHarness(dir);
    cli.decision("dec-old");
    cli.decision("dec-new");

    var result = cli.run("decision", "supersede", "dec-old", "--by", "dec-new", "--json");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.json().path("status").asText()).isEqualTo("superseded");
    assertThat(result.json().path("superseded_by").asText()).isEqualTo("dec-new");
  }

  @Test
  void listShowsEveryDecision() {
    var cli = new CliHarness(dir);
    cli.decision("dec-a");
    cli.decision("dec-b");

    var text = cli.run("decision", "list");
    JsonNode json = cli.run("decision", "list", "--json").json();

    assertThat(text.out()).contains("dec-a", "dec-b");
    assertThat(json.path("decisions"))
        .extracting(d -> d.path("id").asText())
        .containsExactly("dec-a", "dec-b");
  }

  @Test
  void missingBodyFileIsAUsageErrorNamingTheFile() {
    var cli = new CliHarness(dir);

    var result =
        cli.run("decision", "add", "--id", "dec-auth", "--title", "T", "--body-file", "nowhere.md");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("nowhere.md");
    assertThat(cli.run("decision", "list", "--json").json().path("decisions")).isEmpty();
  }

  @Test
  void unknownDecisionIsNotFound() {
    var cli = new CliHarness(dir);
    cli.decision("dec-other");

    var show = cli.run("decision", "show", "dec-none", "--json");
    var revise = cli.run("decision", "revise", "dec-none", "--title", "T");

    assertThat(show.exit()).isEqualTo(3);
    assertThat(show.error().path("code").asText()).isEqualTo("not_found");
    assertThat(revise.exit()).isEqualTo(3);
  }

  @Test
  void addingAnExistingDecisionAgainIsAConflict() {
    var cli = new CliHarness(dir);
    cli.decision("dec-auth");

    var result = cli.run("decision", "add", "--id", "dec-auth", "--title", "Again");

    assertThat(result.exit()).isEqualTo(4);
    assertThat(result.err()).contains("already exists");
  }

  @Test
  void invalidDecisionIdIsAUsageError() {
    var cli = new CliHarness(dir);

    var result = cli.run("decision", "add", "--id", "Bad Id!", "--title", "T");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).startsWith("sleigh: invalid: ").contains("Bad Id!");
  }
}
