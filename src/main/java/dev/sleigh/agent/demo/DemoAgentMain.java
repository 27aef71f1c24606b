package dev.sleigh.agent.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The program the demo agent runs as its child process: reads the prompt from stdin, checks every
 * instruction in it, then carries them out in the working directory, one line of output per action.
 * Exit 0 when done (also when there was nothing to do), 2 for a refused or malformed instruction
 * (nothing is changed), 3 when a text to replace is missing, 1 for an I/O failure.
 */
public final class DemoAgentMain {
  private DemoAgentMain() {}

  public static void main(String[] args) throws IOException {
    String prompt = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    System.exit(run(prompt, Path.of(""), out));
  }

  /** Carries out the prompt in {@code workspace}; returns the exit code. */
  static int run(String prompt, Path workspace, PrintStream out) {
    try {
      DemoWorkspace ws = new DemoWorkspace(workspace.toAbsolutePath());
      List<DemoInstruction> instructions = DemoInstruction.parse(prompt);
      if (instructions.isEmpty()) {
        out.println("demo agent: no instruction found (create/append/replace); nothing changed");
        return 0;
      }
      for (DemoInstruction instruction : instructions) {
        ws.resolve(instruction.path());
      }
      for (DemoInstruction instruction : instructions) {
        out.println("demo agent: " + ws.apply(instruction));
      }
      out.println("demo agent: done, " + instructions.size() + " instruction(s) carried out");
      return 0;
    } catch (DemoException e) {
      out.println("demo agent: " + e.getMessage());
      return e.exitCode();
    } catch (IOException e) {
      out.println("demo agent: " + e);
      return 1;
    }
  }
}
