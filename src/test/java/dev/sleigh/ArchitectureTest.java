package dev.sleigh;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Dependencies point inward: domain ← store ← store.jdbc, and nothing inner knows the outer. */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.sleigh");

  @Test
  void theDomainUsesTheJdkOnly() {
    classes()
        .that()
        .resideInAPackage("dev.sleigh.domain..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("dev.sleigh.domain..", "java..")
        .check(MAIN);
  }

  @Test
  void childProcessesAreHandledWithTheJdkAndLoggingOnly() {
    classes()
        .that()
        .resideInAPackage("dev.sleigh.process..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("dev.sleigh.process..", "java..", "org.slf4j..")
        .check(MAIN);
  }

  @Test
  void nothingOutsideTheProcessPackageStartsAProcess() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.sleigh.process..")
        .should()
        .callConstructor(ProcessBuilder.class, String[].class)
        .orShould()
        .callConstructor(ProcessBuilder.class, java.util.List.class)
        .check(MAIN);
  }

  @Test
  void theStorePortKnowsOnlyTheDomain() {
    classes()
        .that()
        .resideInAPackage("dev.sleigh.store")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("dev.sleigh.store", "dev.sleigh.domain..", "java..")
        .check(MAIN);
  }

  @Test
  void onlyTheCompositionRootAndTheCommandLineOpenAConcreteStore() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.sleigh.store.jdbc..", "dev.sleigh.cli..")
        .and()
        .doNotHaveFullyQualifiedName("dev.sleigh.Main")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.sleigh.store.jdbc..")
        .check(MAIN);
  }

  @Test
  void nothingInnerDependsOnTheCommandLine() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.sleigh.domain..", "dev.sleigh.store..", "dev.sleigh.config..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.sleigh.cli..")
        .check(MAIN);
  }
}
