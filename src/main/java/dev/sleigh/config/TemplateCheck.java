package dev.sleigh.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import liqp.org.antlr.v4.runtime.ParserRuleContext;
import liqp.org.antlr.v4.runtime.tree.ParseTree;
import liquid.parser.v4.LiquidParser.AssignmentContext;
import liquid.parser.v4.LiquidParser.Capture_tag_IdContext;
import liquid.parser.v4.LiquidParser.FilterContext;
import liquid.parser.v4.LiquidParser.For_arrayContext;
import liquid.parser.v4.LiquidParser.For_rangeContext;
import liquid.parser.v4.LiquidParser.Include_relative_tagContext;
import liquid.parser.v4.LiquidParser.Include_tagContext;
import liquid.parser.v4.LiquidParser.IndexContext;
import liquid.parser.v4.LiquidParser.Lookup_id_indexesContext;

/**
 * Finds, in a parsed template, a variable that no turn provides or a filter the engine lacks, on
 * every branch: rendering would only notice one when its branch is taken, long after the runner
 * started. Names the template makes itself ({@code assign}, {@code capture}, a {@code for} loop's
 * variable) are its own, wherever they are made. Includes are refused: a prompt is one
 * self-contained section.
 */
final class TemplateCheck {
  /** Names the engine provides inside loops. */
  private static final Set<String> BUILT_IN = Set.of("forloop", "tablerowloop");

  private TemplateCheck() {}

  static Optional<TemplateProblem> firstProblem(ParseTree root, Predicate<String> isFilter) {
    List<ParseTree> nodes = new ArrayList<>();
    collect(root, nodes);
    Set<String> own = new HashSet<>(BUILT_IN);
    for (ParseTree node : nodes) {
      ownName(node).ifPresent(own::add);
    }
    for (ParseTree node : nodes) {
      Optional<TemplateProblem> problem = problem(node, own, isFilter);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private static void collect(ParseTree node, List<ParseTree> into) {
    into.add(node);
    for (int i = 0; i < node.getChildCount(); i++) {
      collect(node.getChild(i), into);
    }
  }

  private static Optional<String> ownName(ParseTree node) {
    return switch (node) {
      case AssignmentContext a -> Optional.of(a.id().getText());
      case Capture_tag_IdContext c -> Optional.of(c.id().getText());
      case For_arrayContext f -> Optional.of(f.id().getText());
      case For_rangeContext f -> Optional.of(f.id().getText());
      default -> Optional.empty();
    };
  }

  private static Optional<TemplateProblem> problem(
      ParseTree node, Set<String> own, Predicate<String> isFilter) {
    return switch (node) {
      case FilterContext f when !isFilter.test(f.Id().getText()) ->
          Optional.of(at(f, "unknown filter '" + f.Id().getText() + "'"));
      case Include_tagContext i -> Optional.of(at(i, "include is not supported in a prompt"));
      case Include_relative_tagContext i ->
          Optional.of(at(i, "include_relative is not supported in a prompt"));
      case Lookup_id_indexesContext lookup -> unknown(lookup, own);
      default -> Optional.empty();
    };
  }

  private static Optional<TemplateProblem> unknown(
      Lookup_id_indexesContext lookup, Set<String> own) {
    String root = lookup.id().getText();
    if (own.contains(root) || PromptVariables.NAMES.contains(root)) {
      return Optional.empty();
    }
    String name = root + member(lookup).map(m -> "." + m).orElse("");
    if (PromptVariables.NAMES.contains(name)) {
      return Optional.empty();
    }
    return Optional.of(at(lookup, PromptVariables.unknown(name)));
  }

  /** The name after the first dot, as in {@code commission.title}; empty for {@code x[0]}. */
  private static Optional<String> member(Lookup_id_indexesContext lookup) {
    List<IndexContext> indexes = lookup.index();
    if (indexes.isEmpty() || indexes.getFirst().Dot() == null) {
      return Optional.empty();
    }
    return Optional.of(indexes.getFirst().id2().getText());
  }

  private static TemplateProblem at(ParserRuleContext node, String message) {
    return new TemplateProblem(Math.max(1, node.getStart().getLine()), message);
  }
}
