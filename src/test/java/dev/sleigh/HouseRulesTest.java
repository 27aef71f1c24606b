package dev.sleigh;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rules that hold the house fail where they must: checked against the planted miniature in
 * {@code dev.sleigh.planted}, each room's rule names the reach planted in its room and not the
 * reach beside it that the room may make.
 */
class HouseRulesTest {
  private static final String ROOT = "dev.sleigh.planted";
  private static final JavaClasses PLANTED = new ClassFileImporter().importPackages(ROOT);
  private static final HouseRules RULES = new HouseRules(ROOT);

  /** What a planted class of the room reaches that it must not, and what it may reach. */
  private record Plant(String forbidden, String allowed) {}

  private static Plant plantedIn(HouseRules.Room room) {
    return switch (room) {
      case DOMAIN -> new Plant("org.slf4j.LoggerFactory", "java.util.Objects");
      case PROCESS -> new Plant(ROOT + ".domain.Fact", "java.lang.ProcessBuilder");
      case LIFECYCLE -> new Plant(ROOT + ".store.Ledger", ROOT + ".domain.Fact");
      case STORE -> new Plant("org.slf4j.Logger", ROOT + ".domain.Fact");
      case STORE_JDBC -> new Plant(ROOT + ".runtime.Tick", ROOT + ".store.Ledger");
      case CONFIG -> new Plant(ROOT + ".store.Ledger", ROOT + ".domain.Fact");
      case WORKSPACE -> new Plant(ROOT + ".config.Setting", ROOT + ".process.Launch");
      case AGENT -> new Plant(ROOT + ".workspace.Tree", ROOT + ".process.Launch");
      case RUNTIME -> new Plant(ROOT + ".store.jdbc.Sql", ROOT + ".store.Ledger");
      case VIEW -> new Plant(ROOT + ".http.Page", ROOT + ".runtime.Tick");
      case HTTP -> new Plant(ROOT + ".cli.Verb", ROOT + ".view.Card");
      case CLI -> new Plant(ROOT + ".Main", ROOT + ".http.Page");
    };
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(HouseRules.Room.class)
  void eachRoomsRuleFailsOnTheReachPlantedInThatRoom(HouseRules.Room room) {
    Plant plant = plantedIn(room);

    String report = report(RULES.of(room).evaluate(PLANTED));

    assertThat(report).contains("<" + plant.forbidden()).doesNotContain("<" + plant.allowed());
  }

  @Test
  void theProcessRuleFailsOnAProcessBuilderAndARuntimeExecOutsideTheProcessRoom() {
    String report = report(RULES.onlyTheProcessRoomStartsProcesses().evaluate(PLANTED));

    assertThat(report)
        .contains(ROOT + ".workspace.Tree.git()", ROOT + ".runtime.Tick.shell()")
        .doesNotContain(ROOT + ".process.Launch");
  }

  @Test
  void theCycleRuleFailsOnPackagesThatReachEachOther() {
    String report = report(RULES.noPackageCycles().evaluate(PLANTED));

    assertThat(report).contains(ROOT + ".cli", ROOT + ".http");
  }

  private static String report(EvaluationResult result) {
    assertThat(result.hasViolation()).as("the rule found the planted violation").isTrue();
    return String.join("\n", result.getFailureReport().getDetails());
  }
}
