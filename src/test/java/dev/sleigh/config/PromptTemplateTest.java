package dev.sleigh.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.sleigh.domain.Commission;
import dev.sleigh.domain.Commission.DecisionRef;
import dev.sleigh.domain.Commission.Repo;
import dev.sleigh.domain.Commission.Scope;
import dev.sleigh.domain.Phase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {
  private static final Commission COMMISSION =
      new Commission(
          "wc-login",
          "Fix login timeout",
          new DecisionRef("dec-auth", "rev-7"),
          null,
          new Repo("/repos/app", null, "main"),
          new Scope(List.of("src/auth/**", "test/auth/**"), List.of(), List.of()),
          List.of(),
          null,
          null,
          null,
          List.of(),
          3,
          null,
          "Raise the timeout to {{30s}}.");

  @Test
  void variablesDescribeTheCommissionAndTheTurn() {
    Map<String, Object> values = PromptTemplate.variables(COMMISSION, Phase.EXECUTE, 2, 3, 20);

    assertThat(values)
        .containsExactly(
            entry("commission.id", "wc-login"),
            entry("commission.title", "Fix login timeout"),
            entry("commission.body", "Raise the timeout to {{30s}}."),
            entry("attempt", 2),
            entry("turn", 3),
            entry("max_turns", 20),
            entry("phase", "execute"),
            entry("scope.allowed_paths", "src/auth/**, test/auth/**"),
            entry("scope.forbidden_paths", "(none)"),
            entry("decision.id", "dec-auth"),
            entry("decision.revision", "rev-7"));
    assertThat(values.keySet()).containsExactlyElementsOf(PromptTemplate.VARIABLES);
  }

  @Test
  void renderingFillsEveryVariableAndLeavesValuesUnexpanded() {
    var template =
        new PromptTemplate(
            "{{commission.title}} ({{ phase }}, turn {{turn}}/{{max_turns}}):\n"
                + "{{commission.body}}\n"
                + "Only {{scope.allowed_paths}}; never {{scope.forbidden_paths}}.");

    String prompt = template.render(PromptTemplate.variables(COMMISSION, Phase.EXECUTE, 1, 2, 5));

    assertThat(prompt)
        .isEqualTo(
            "Fix login timeout (execute, turn 2/5):\nRaise the timeout to {{30s}}.\n"
                + "Only src/auth/**, test/auth/**; never (none).");
  }

  @Test
  void renderingWithoutAValueForAUsedVariableIsABug() {
    assertThatThrownBy(() -> new PromptTemplate("Hi {{attempt}} $1 \\").render(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("{{attempt}}");
    assertThat(new PromptTemplate("cost: $1 \\ {{attempt}}").render(Map.of("attempt", "$2")))
        .isEqualTo("cost: $1 \\ $2");
  }

  @Test
  void templateWithAnUnknownVariableCannotBeBuilt() {
    assertThatThrownBy(() -> new PromptTemplate("{{commission.owner}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown variable {{commission.owner}}");
  }

  @Test
  void defaultPromptsUseOnlyKnownVariablesAndCarryTheCommissionBody() {
    assertThat(DefaultPrompts.EXECUTE.text()).contains("{{commission.body}}");
    assertThat(
            DefaultPrompts.EXECUTE.render(
                PromptTemplate.variables(COMMISSION, Phase.EXECUTE, 1, 1, 20)))
        .contains("Raise the timeout to {{30s}}.")
        .contains("Fix login timeout");
  }

  @Test
  void liquidTagsAndFiltersAreRenderedNotPassedOn() {
    var template =
        new PromptTemplate(
            "{% if attempt > 1 %}Retry {{ attempt }} of {{ commission.title | upcase }}.{% endif %}"
                + "{% unless attempt > 1 %}First try.{% endunless %}"
                + "{% assign paths = scope.allowed_paths | split: \", \" %}"
                + "{% for p in paths %} [{{ forloop.index }}:{{ p }}]{% endfor %}");

    assertThat(template.render(PromptTemplate.variables(COMMISSION, Phase.EXECUTE, 2, 1, 5)))
        .isEqualTo("Retry 2 of FIX LOGIN TIMEOUT. [1:src/auth/**] [2:test/auth/**]");
    assertThat(template.render(PromptTemplate.variables(COMMISSION, Phase.EXECUTE, 1, 1, 5)))
        .isEqualTo("First try. [1:src/auth/**] [2:test/auth/**]");
  }

  @Test
  void unknownVariableOnABranchNotTakenIsStillRefused() {
    assertThatThrownBy(
            () -> new PromptTemplate("{% if attempt > 9 %}{{ commission.owner }}{% endif %}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown variable {{commission.owner}}");
    assertThatThrownBy(() -> new PromptTemplate("{% for p in paths %}{{ p }}{% endfor %}"))
        .hasMessageContaining("unknown variable {{paths}}");
  }

  @Test
  void aTemplateThatIsNotValidLiquidCannotBeBuilt() {
    assertThatThrownBy(() -> new PromptTemplate("{% if attempt > 1 %}never closed"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Liquid: ");
    assertThatThrownBy(() -> new PromptTemplate("{{ attempt | no_such_filter }}"))
        .hasMessageContaining("no_such_filter");
    assertThatThrownBy(() -> new PromptTemplate("{% include 'other' %}"))
        .hasMessageContaining("include is not supported");
  }
}
