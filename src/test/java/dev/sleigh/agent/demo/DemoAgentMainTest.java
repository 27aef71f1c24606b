package dev.sleigh.agent.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoAgentMainTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();

  private int run(String prompt) throws Exception {
    Path ws = Files.createDirectories(dir.resolve("ws"));
    return DemoAgentMain.run(prompt, ws, new PrintStream(output, true, StandardCharsets.UTF_8));
  }

  private Path ws(String relative) {
    return dir.resolve("ws").resolve(relative);
  }

  private String printed() {
    return output.toString(StandardCharsets.UTF_8);
  }

  @Test
  void createWritesTheFileWithItsDirectoriesAndTurnsBackslashNIntoLineBreaks() throws Exception {
    assertThat(run("Please do this:\ncreate docs/notes.md: # Notes\\nfirst\n")).isZero();

    assertThat(ws("docs/notes.md")).hasContent("# Notes\nfirst\n");
    assertThat(printed()).contains("created docs/notes.md");
  }

  @Test
  void createOverwritesAndAppendAddsALine() throws Exception {
    assertThat(run("create a.txt: old\ncreate a.txt: one\n- append a.txt: two\n")).isZero();

    assertThat(ws("a.txt")).hasContent("one\ntwo\n");
  }

  @Test
  void appendToAFileWithoutATrailingNewlineStartsANewLine() throws Exception {
    Files.createDirectories(dir.resolve("ws"));
    Files.writeString(ws("b.txt"), "no newline");

    assertThat(run("append b.txt: next")).isZero();

    assertThat(ws("b.txt")).hasContent("no newline\nnext\n");
  }

  @Test
  void replaceChangesTheFirstOccurrenceOnly() throws Exception {
    assertThat(run("create c.txt: x y x\nreplace c.txt: x => z\n")).isZero();

    assertThat(ws("c.txt")).hasContent("z y x\n");
  }

  @Test
  void replacingTextThatIsMissingExitsThree() throws Exception {
    assertThat(run("create c.txt: hello\nreplace c.txt: goodbye => hi\n")).isEqualTo(3);

    assertThat(printed()).contains("'goodbye' not found");
  }

  @Test
  void aPathThatLeavesTheWorkspaceIsRefusedAndNothingIsChanged() throws Exception {
    assertThat(run("create ok.txt: fine\ncreate ../x: escaped\n")).isEqualTo(2);

    assertThat(dir.resolve("x")).doesNotExist();
    assertThat(ws("ok.txt")).doesNotExist();
    assertThat(printed()).contains("refused", "../x");
  }

  @Test
  void anAbsolutePathIsRefused() throws Exception {
    Path target = dir.resolve("abs.txt");

    assertThat(run("create " + target + ": escaped\n")).isEqualTo(2);

    assertThat(target).doesNotExist();
    assertThat(printed()).contains("absolute");
  }

  @Test
  void aSymbolicLinkOutOfTheWorkspaceIsRefused() throws Exception {
    Files.createDirectories(dir.resolve("ws"));
    Files.createDirectories(dir.resolve("outside"));
    Files.createSymbolicLink(ws("link"), dir.resolve("outside"));

    assertThat(run("create link/x.txt: escaped")).isEqualTo(2);

    assertThat(dir.resolve("outside/x.txt")).doesNotExist();
  }

  @Test
  void proseIsIgnoredAndAPromptWithoutInstructionsChangesNothing() throws Exception {
    assertThat(run("Create the README: make it nice.\nPlease be careful.\n")).isZero();

    assertThat(printed()).contains("no instruction found");
    assertThat(Files.list(dir.resolve("ws"))).isEmpty();
  }

  @Test
  void aReplaceWithoutAnArrowIsMalformed() throws Exception {
    assertThat(run("create c.txt: a\nreplace c.txt: a b\n")).isEqualTo(2);

    assertThat(ws("c.txt")).doesNotExist();
  }
}
