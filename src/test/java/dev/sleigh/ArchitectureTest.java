package dev.sleigh;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Dependencies point down the floors: domain and process ← store, config, workspace, agent ←
 * runtime ← view, http, cli ← the composition root. {@link HouseRules} says what each room may use;
 * {@link HouseRulesTest} shows every rule failing on planted code.
 */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.sleigh");
  private static final HouseRules RULES = new HouseRules("dev.sleigh");

  @ParameterizedTest(name = "{0}")
  @EnumSource(HouseRules.Room.class)
  void eachRoomDependsOnlyOnTheFloorsBelowIt(HouseRules.Room room) {
    RULES.of(room).check(MAIN);
  }

  @Test
  void nothingOutsideTheProcessRoomStartsAProcess() {
    RULES.onlyTheProcessRoomStartsProcesses().check(MAIN);
  }

  @Test
  void noPackageDependsOnItselfThroughAnother() {
    RULES.noPackageCycles().check(MAIN);
  }
}
