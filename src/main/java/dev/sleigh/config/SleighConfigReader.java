package dev.sleigh.config;

import dev.sleigh.config.PromptSections.Section;
import dev.sleigh.domain.Phase;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code sleigh.md} (SPEC §5): YAML front matter between a first line {@code ---} and the
 * next {@code ---} line, then Markdown whose {@code ## Phase} sections are prompt templates. A
 * phase without a section keeps its default prompt; a blank section means no prompt. Only a phase
 * that runs an agent may have a prompt: a prompt nobody reads is refused, not ignored. Every
 * problem is a {@link ConfigException} naming file, line and key.
 */
public final class SleighConfigReader {
  private static final String DELIMITER = "---";

  private final long maxBytes;

  /** A reader of files up to the default limit, 1 MB. */
  public SleighConfigReader() {
    this(TextFiles.DEFAULT_LIMIT);
  }

  /** A reader that refuses files larger than {@code maxBytes} before parsing them. */
  public SleighConfigReader(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * Reads {@code file}; a relative {@code workspace.root} resolves against its directory.
   *
   * @throws ConfigFileMissingException when there is no such file
   * @throws ConfigException when it is not a readable UTF-8 file within the size limit
   */
  public SleighConfig read(Path file) {
    String text;
    try {
      text =
          TextFiles.read(
              file,
              maxBytes,
              problem ->
                  new ConfigException(file.toString(), 1, LocatedFileException.DOCUMENT, problem));
    } catch (NoSuchFileException e) {
      throw new ConfigFileMissingException(file);
    }
    return read(text, file.toString(), file.toAbsolutePath().normalize().getParent());
  }

  /**
   * Reads configuration text that came from {@code sourceName} (used in messages only); a relative
   * {@code workspace.root} resolves against {@code baseDir}.
   */
  public SleighConfig read(String text, String sourceName, Path baseDir) {
    List<String> lines = text.lines().toList();
    int close = closingDelimiter(lines, sourceName);
    // The opening delimiter becomes an empty line so the parser's line numbers are the file's.
    String yaml = "\n" + String.join("\n", lines.subList(1, close));
    YamlDocument document = YamlDocument.parseSettings(yaml, sourceName, ConfigException::new);
    SleighConfig settings = new SettingsMapper(baseDir).map(document.root());
    Map<Phase, Section> sections = new PromptSections(sourceName).read(lines, close + 1);
    return settings.withPrompts(prompts(settings, sections, sourceName));
  }

  /** The index of the line closing the front matter. */
  private static int closingDelimiter(List<String> lines, String file) {
    if (lines.isEmpty() || !isDelimiter(lines.getFirst().replace("\uFEFF", ""))) {
      throw new ConfigException(
          file, 1, "", "expected '---' on the first line to open the YAML front matter");
    }
    for (int i = 1; i < lines.size(); i++) {
      if (isDelimiter(lines.get(i))) {
        return i;
      }
    }
    throw new ConfigException(
        file, 1, "", "the front matter opened on line 1 is never closed by a '---' line");
  }

  private static boolean isDelimiter(String line) {
    return line.stripTrailing().equals(DELIMITER);
  }

  private static Map<Phase, PromptTemplate> prompts(
      SleighConfig settings, Map<Phase, Section> sections, String file) {
    Map<Phase, PromptTemplate> prompts = new EnumMap<>(Phase.class);
    prompts.putAll(settings.prompts());
    for (Section section : sections.values()) {
      if (section.template() != null) {
        prompts.put(section.phase(), section.template());
      } else if (requiresPrompt(settings, section.phase())) {
        throw new ConfigException(
            file,
            section.headingLine(),
            PromptSections.key(section.phase()),
            "is empty, but the execute phase runs an agent and needs a prompt");
      } else {
        prompts.remove(section.phase());
      }
    }
    return prompts;
  }

  private static boolean requiresPrompt(SleighConfig settings, Phase phase) {
    return phase == Phase.EXECUTE && settings.workflow().phases().contains(Phase.EXECUTE);
  }
}
