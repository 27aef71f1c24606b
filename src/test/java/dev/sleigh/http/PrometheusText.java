package dev.sleigh.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format (0.0.4): every line is a {@code # HELP} or {@code #
 * TYPE} comment, or {@code name{label="value",...} value [timestamp]}. Anything else is a parse
 * error naming the line.
 */
final class PrometheusText {
  private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
  private static final Pattern SAMPLE =
      Pattern.compile("^(" + NAME + ")(?:\\{(.*)\\})? (\\S+)(?: (-?\\d+))?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
  private static final Pattern COMMENT =
      Pattern.compile(
          "^# (?:HELP "
              + NAME
              + " .*|TYPE "
              + NAME
              + " (?:counter|gauge|histogram|summary|untyped))$");

  record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = samples;
  }

  static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        if (!COMMENT.matcher(line).matches()) {
          throw new IllegalArgumentException(
              "line " + (i + 1) + " is not a HELP or TYPE comment: " + line);
        }
        continue;
      }
      samples.add(sample(i + 1, line));
    }
    return new PrometheusText(samples);
  }

  private static Sample sample(int number, String line) {
    Matcher m = SAMPLE.matcher(line);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "line " + number + " is not 'name{labels} value': " + line);
    }
    Map<String, String> labels = new LinkedHashMap<>();
    String body = m.group(2);
    if (body != null && !body.isEmpty()) {
      Matcher l = LABEL.matcher(body);
      int at = 0;
      while (at < body.length()) {
        if (!l.find(at) || l.start() != at) {
          throw new IllegalArgumentException("line " + number + " has malformed labels: " + line);
        }
        labels.put(l.group(1), l.group(2));
        at = l.end();
      }
    }
    return new Sample(m.group(1), labels, value(number, m.group(3)));
  }

  private static double value(int number, String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        try {
          yield Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "line " + number + " has no number as its value: " + text);
        }
      }
    };
  }

  List<Sample> samples() {
    return samples;
  }

  /** The value of the one sample with this name and these labels (others ignored); 0 if absent. */
  double value(String name, String... labelPairs) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && has(s, labelPairs))
        .mapToDouble(Sample::value)
        .reduce(0, Double::sum);
  }

  boolean contains(String name) {
    return samples.stream().anyMatch(s -> s.name().equals(name));
  }

  private static boolean has(Sample s, String... pairs) {
    for (int i = 0; i < pairs.length; i += 2) {
      if (!pairs[i + 1].equals(s.labels().get(pairs[i]))) {
        return false;
      }
    }
    return true;
  }
}
