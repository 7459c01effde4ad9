package dev.threadline.bootstrap.architecture;

import static dev.threadline.bootstrap.architecture.ArchitectureRules.APPLICATION;
import static dev.threadline.bootstrap.architecture.ArchitectureRules.CLI;
import static dev.threadline.bootstrap.architecture.ArchitectureRules.DOMAIN;
import static dev.threadline.bootstrap.architecture.ArchitectureRules.ROOT;
import static dev.threadline.bootstrap.architecture.ArchitectureRules.SQLITE;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hexagon's dependency rules hold for the production classes of every module. */
class DependencyRulesTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    private static void assertHolds(ArchRule rule) {
        assertThat(rule.evaluate(production).getFailureReport().getDetails())
                .as(rule.getDescription())
                .isEmpty();
    }

    @Test
    void the_import_sees_the_production_classes_of_the_modules_and_no_test_fixture() {
        assertThat(production.containPackage(DOMAIN + ".event")).isTrue();
        assertThat(production.containPackage(SQLITE)).isTrue();
        assertThat(production.containPackage("dev.threadline.bootstrap")).isTrue();
        assertThat(production.containPackage("dev.threadline.archfixture.domain"))
                .isFalse();
    }

    @Test
    void the_domain_depends_only_on_the_jdk() {
        assertHolds(ArchitectureRules.dependsOnlyOnTheJdkAnd(DOMAIN));
    }

    @Test
    void the_application_depends_only_on_the_jdk_and_the_domain() {
        assertHolds(ArchitectureRules.dependsOnlyOnTheJdkAnd(APPLICATION, DOMAIN));
    }

    @Test
    void the_domain_uses_no_json_sql_sqlite_or_cli_library() {
        assertHolds(ArchitectureRules.isFrameworkFree(DOMAIN));
    }

    @Test
    void the_application_uses_no_json_sql_sqlite_or_cli_library() {
        assertHolds(ArchitectureRules.isFrameworkFree(APPLICATION));
    }

    @Test
    void the_sqlite_adapter_does_not_depend_on_the_cli_adapter() {
        assertHolds(ArchitectureRules.doesNotDependOn(SQLITE, CLI));
    }

    @Test
    void the_cli_adapter_does_not_depend_on_the_sqlite_adapter() {
        assertHolds(ArchitectureRules.doesNotDependOn(CLI, SQLITE));
    }

    @Test
    void the_top_level_packages_have_no_dependency_cycle() {
        assertHolds(ArchitectureRules.topLevelPackagesAreFreeOfCycles(ROOT));
    }

    @Test
    void the_packages_inside_each_module_have_no_dependency_cycle() {
        for (String module : new String[] {DOMAIN, APPLICATION, SQLITE, CLI, ROOT + ".bootstrap"}) {
            assertHolds(ArchitectureRules.topLevelPackagesAreFreeOfCycles(module));
        }
    }
}
