package dev.sleigh.workspace;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class WorkspaceDependenciesTest {
  @Test
  void theWorkspacePackageKnowsOnlyTheDomainChildProcessesAndTheJdk() {
    classes()
        .that()
        .resideInAPackage("dev.sleigh.workspace..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "dev.sleigh.workspace..", "dev.sleigh.domain..", "dev.sleigh.process..", "java..")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.sleigh.workspace"));
  }
}
