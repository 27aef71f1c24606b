package dev.sleigh.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One YAML document as a tree, plus the line on which every key and value starts. The tree is built
 * from parser tokens here rather than by the object mapper because the mapper forgets where things
 * were, and an error without a line sends the operator hunting.
 */
final class YamlDocument implements LocatedNode.Document {
  private static final YAMLFactory YAML = new YAMLFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Builds the exception a reader reports, so each kind of file fails with its own type. */
  @FunctionalInterface
  interface Problems {
    LocatedFileException at(String file, int line, String key, String problem);
  }

  private final String file;
  private final JsonNode root;
  private final Map<String, Integer> lines;
  private final Problems problems;

  private YamlDocument(String file, JsonNode root, Map<String, Integer> lines, Problems problems) {
    this.file = file;
    this.root = root;
    this.lines = lines;
    this.problems = problems;
  }

  /**
   * Parses a commission file; malformed YAML, an empty file or several documents are {@link
   * CommissionFileException}s.
   */
  static YamlDocument parse(String text, String file) {
    Problems problems = CommissionFileException::new;
    YamlDocument document = parse(text, file, problems, "; use 'commissions:' for many");
    if (document.root == null) {
      throw problems.at(file, 1, "", "file is empty: expected a commission");
    }
    return document;
  }

  /**
   * Parses a settings document reported through {@code problems}. A document with nothing but
   * comments is an empty mapping, since every setting has a default.
   */
  static YamlDocument parseSettings(String text, String file, Problems problems) {
    YamlDocument document = parse(text, file, problems, "");
    if (document.root == null) {
      return new YamlDocument(file, NODES.objectNode(), document.lines, problems);
    }
    return document;
  }

  /** The document, with a null root when the text holds no YAML node at all. */
  private static YamlDocument parse(
      String text, String file, Problems problems, String severalDocumentsHint) {
    requireShortLines(text, file, problems);
    var builder = new Builder(file, problems);
    try (JsonParser parser = YAML.createParser(text)) {
      if (parser.nextToken() == null) {
        return new YamlDocument(file, null, builder.lines, problems);
      }
      JsonNode root = builder.value(parser, JsonPointer.empty());
      if (parser.nextToken() != null) {
        throw builder.fail(parser, "", "more than one YAML document" + severalDocumentsHint);
      }
      return new YamlDocument(file, root, builder.lines, problems);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
      String problem = "malformed YAML: " + summary(e);
      throw problems.at(file, line, builder.lastKey, problem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The YAML parser's time grows with the square of a line's length (a 1 MB line takes seconds and
   * hundreds of MB), so a line longer than {@link #LONGEST_LINE} characters is refused before
   * parsing; long text fits a block scalar ({@code |}) over many lines, which parses fast.
   */
  private static void requireShortLines(String text, String file, Problems problems) {
    int line = 1;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        if (i - start > LONGEST_LINE) {
          throw problems.at(
              file,
              line,
              "",
              "line of "
                  + (i - start)
                  + " characters, longer than "
                  + LONGEST_LINE
                  + "; write long text as a block scalar ('|') over several lines");
        }
        line++;
        start = i + 1;
      }
    }
  }

  /** The longest line parsed, in characters. */
  static final int LONGEST_LINE = 65_536;

  /** The parser's first line of each complaint, without the echoed source and caret. */
  private static String summary(JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    return message
        .lines()
        .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
        .collect(Collectors.joining("; "));
  }

  String file() {
    return file;
  }

  @Override
  public LocatedFileException problem(int line, String key, String problem) {
    return problems.at(file, line, key, problem);
  }

  @Override
  public LocatedNode root() {
    return new LocatedNode(this, root, "", JsonPointer.empty());
  }

  @Override
  public int lineOf(JsonPointer pointer) {
    for (JsonPointer p = pointer; p != null; p = p.head()) {
      Integer line = lines.get(p.toString());
      if (line != null) {
        return line;
      }
    }
    return 1;
  }

  private static final class Builder {
    private final String file;
    private final Problems problems;
    private final Map<String, Integer> lines = new HashMap<>();
    private String lastKey = "";

    Builder(String file, Problems problems) {
      this.file = file;
      this.problems = problems;
    }

    JsonNode value(JsonParser p, JsonPointer at) throws IOException {
      lines.putIfAbsent(at.toString(), line(p));
      if (p instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
        throw fail(p, lastKey, "YAML aliases ('*name') are not supported; write the value out");
      }
      return switch (p.currentToken()) {
        case START_OBJECT -> mapping(p, at);
        case START_ARRAY -> sequence(p, at);
        case VALUE_STRING -> NODES.textNode(p.getText());
        case VALUE_NUMBER_INT -> NODES.numberNode(p.getBigIntegerValue());
        case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
        case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(p.getBooleanValue());
        case VALUE_NULL -> NODES.nullNode();
        default -> NODES.textNode(p.getText());
      };
    }

    private ObjectNode mapping(JsonParser p, JsonPointer at) throws IOException {
      ObjectNode node = NODES.objectNode();
      String parentKey = lastKey;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonPointer child = at.appendProperty(name);
        lastKey = parentKey.isEmpty() ? name : parentKey + "." + name;
        if (node.has(name)) {
          throw fail(p, lastKey, "duplicate key '" + name + "'");
        }
        lines.put(child.toString(), line(p));
        p.nextToken();
        node.set(name, value(p, child));
        lastKey = parentKey;
      }
      return node;
    }

    private ArrayNode sequence(JsonParser p, JsonPointer at) throws IOException {
      ArrayNode node = NODES.arrayNode();
      String parentKey = lastKey;
      for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
        lastKey = parentKey + "[" + i + "]";
        node.add(value(p, at.appendIndex(i)));
        lastKey = parentKey;
      }
      return node;
    }

    LocatedFileException fail(JsonParser p, String key, String problem) {
      return problems.at(file, line(p), key, problem);
    }

    private static int line(JsonParser p) {
      return Math.max(1, p.currentTokenLocation().getLineNr());
    }
  }
}
