package dev.sleigh.agent.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One edit the demo agent understands, written on a line of its own in the prompt (optionally as a
 * list item): {@code create <path>: <text>}, {@code append <path>: <text>} or {@code replace
 * <path>: <old> => <new>}. A literal {@code \n} in a text stands for a line break.
 */
sealed interface DemoInstruction {
  String path();

  /** Writes {@code text} as the whole file, creating missing directories. */
  record Create(String path, String text) implements DemoInstruction {}

  /** Adds {@code text} as a line at the end of the file. */
  record Append(String path, String text) implements DemoInstruction {}

  /** Replaces the first occurrence of {@code old} with {@code replacement}. */
  record Replace(String path, String old, String replacement) implements DemoInstruction {}

  Pattern LINE =
      Pattern.compile(
          "^\\s*(?:[-*]\\s+)?(?<verb>create|append|replace)\\s+(?<path>[^\\s:]+)\\s*:\\s?(?<rest>.*)$");
  String ARROW = " => ";

  /** The instructions in a prompt, in order; other lines are ignored. */
  static List<DemoInstruction> parse(String prompt) throws DemoException {
    List<DemoInstruction> found = new ArrayList<>();
    for (String line : prompt.split("\\R")) {
      Optional<DemoInstruction> instruction = parseLine(line);
      instruction.ifPresent(found::add);
    }
    return found;
  }

  static Optional<DemoInstruction> parseLine(String line) throws DemoException {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      return Optional.empty();
    }
    String path = m.group("path");
    String rest = m.group("rest");
    return Optional.of(
        switch (m.group("verb")) {
          case "create" -> new Create(path, unescape(rest));
          case "append" -> new Append(path, unescape(rest));
          default -> replace(path, rest, line);
        });
  }

  private static DemoInstruction replace(String path, String rest, String line)
      throws DemoException {
    int arrow = rest.indexOf(ARROW);
    if (arrow < 0) {
      throw new DemoException(2, "malformed instruction, expected '<old> => <new>': " + line);
    }
    return new Replace(
        path, unescape(rest.substring(0, arrow)), unescape(rest.substring(arrow + ARROW.length())));
  }

  private static String unescape(String text) {
    return text.replace("\\n", "\n");
  }
}
