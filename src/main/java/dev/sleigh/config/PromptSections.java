package dev.sleigh.config;

import dev.sleigh.domain.Phase;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Markdown part of a {@code sleigh.md}: each {@code ## Phase} heading opens the prompt of that
 * phase, which runs to the next {@code ## } heading outside a code fence. Text before the first
 * such heading is for the reader of the file and is ignored. Only a phase that runs an agent takes
 * a prompt; text under any other phase's heading is refused at that heading, since nothing would
 * ever read it.
 */
final class PromptSections {
  private static final String HEADING = "## ";

  /**
   * One phase's section.
   *
   * @param headingLine the one-based line of its {@code ## } heading
   * @param template its prompt, or null when the section is blank: no prompt for that phase
   */
  record Section(Phase phase, int headingLine, PromptTemplate template) {}

  private final String file;

  PromptSections(String file) {
    this.file = file;
  }

  /** The key under which problems with the prompt of {@code phase} are reported. */
  static String key(Phase phase) {
    return "prompts." + title(phase);
  }

  /** The phase as its heading spells it: {@code Execute}. */
  private static String title(Phase phase) {
    String wire = phase.wire();
    return Character.toUpperCase(wire.charAt(0)) + wire.substring(1);
  }

  /** The sections in {@code lines} from index {@code from} on, by phase. */
  Map<Phase, Section> read(List<String> lines, int from) {
    Map<Phase, Section> sections = new EnumMap<>(Phase.class);
    boolean fenced = false;
    int heading = -1;
    for (int i = from; i <= lines.size(); i++) {
      boolean end = i == lines.size();
      String line = end ? "" : lines.get(i);
      if (isFence(line)) {
        fenced = !fenced;
      } else if (end || (!fenced && line.startsWith(HEADING))) {
        if (heading >= 0) {
          add(sections, section(lines, heading, i));
        }
        heading = i;
      }
    }
    return sections;
  }

  private static boolean isFence(String line) {
    String s = line.stripLeading();
    return s.startsWith("```") || s.startsWith("~~~");
  }

  private void add(Map<Phase, Section> sections, Section section) {
    Section first = sections.putIfAbsent(section.phase(), section);
    if (first != null) {
      throw new ConfigException(
          file,
          section.headingLine(),
          key(section.phase()),
          "duplicate section; the first is on line " + first.headingLine());
    }
  }

  /** The section whose heading is at index {@code heading} and which ends before {@code end}. */
  private Section section(List<String> lines, int heading, int end) {
    Phase phase = phase(lines.get(heading), heading + 1);
    int first = heading + 1;
    while (first < end && lines.get(first).isBlank()) {
      first++;
    }
    String text = String.join("\n", lines.subList(first, end)).stripTrailing();
    if (!text.isEmpty() && !phase.runsAgent()) {
      throw new ConfigException(
          file,
          heading + 1,
          key(phase),
          "the "
              + phase.wire()
              + " phase runs no agent, so this prompt would never be used;"
              + " only '## Execute' takes a prompt");
    }
    PromptTemplate template =
        text.isEmpty() ? null : PromptTemplate.read(text, file, first + 1, key(phase));
    return new Section(phase, heading + 1, template);
  }

  private static String headings() {
    return String.join(", ", Arrays.stream(Phase.values()).map(PromptSections::title).toList());
  }

  private Phase phase(String headingText, int line) {
    String name = headingText.substring(HEADING.length()).strip();
    return Phase.fromWire(name.toLowerCase(Locale.ROOT))
        .orElseThrow(
            () ->
                new ConfigException(
                    file,
                    line,
                    "prompts",
                    "unknown section '## "
                        + name
                        + "'; a '## ' heading names the phase whose"
                        + " prompt follows, one of: "
                        + headings()));
  }
}
