package dev.threadline.bootstrap.architecture;

import static dev.threadline.bootstrap.architecture.ArchitectureRules.APPLICATION;
import static dev.threadline.bootstrap.architecture.ArchitectureRules.BENCHMARK;
import static dev.threadline.bootstrap.architecture.ArchitectureRules.BOOTSTRAP;
import static dev.threadline.bootstrap.architecture.ArchitectureRules.CLI;
import static dev.threadline.bootstrap.architecture.ArchitectureRules.DOMAIN;
import static dev.threadline.bootstrap.architecture.ArchitectureRules.GIT;
import static dev.threadline.bootstrap.architecture.ArchitectureRules.JSON;
import static dev.threadline.bootstrap.architecture.ArchitectureRules.POSTGRES;
import static dev.threadline.bootstrap.architecture.ArchitectureRules.ROOT;
import static dev.threadline.bootstrap.architecture.ArchitectureRules.SQLITE;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.threadline.application.port.IdSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The hexagon's dependency rules hold for the production classes of every module. */
class DependencyRulesTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // the contract tests and fakes that modules publish as test jars are tests too
                .withImportOption(location -> !location.contains("-tests.jar"))
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
        assertThat(production.containPackage(JSON)).isTrue();
        assertThat(production.containPackage(BENCHMARK)).isTrue();
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
    void the_postgres_adapter_depends_on_no_other_adapter_and_none_on_it() {
        for (String other : new String[] {SQLITE, CLI, GIT}) {
            assertHolds(ArchitectureRules.doesNotDependOn(POSTGRES, other));
            assertHolds(ArchitectureRules.doesNotDependOn(other, POSTGRES));
        }
    }

    @Test
    void the_json_codec_depends_only_on_the_domain_and_jackson() {
        assertHolds(ArchitectureRules.dependsOnlyOnTheDomainAndJackson(JSON, DOMAIN));
    }

    @Test
    void the_benchmark_depends_neither_on_the_cli_adapter_nor_on_bootstrap() {
        assertHolds(ArchitectureRules.benchmarkDoesNotDependOn(BENCHMARK, CLI, BOOTSTRAP));
    }

    @Test
    void the_git_adapter_depends_on_no_other_adapter() {
        assertHolds(ArchitectureRules.doesNotDependOn(GIT, SQLITE));
        assertHolds(ArchitectureRules.doesNotDependOn(GIT, CLI));
        assertHolds(ArchitectureRules.doesNotDependOn(SQLITE, GIT));
        assertHolds(ArchitectureRules.doesNotDependOn(CLI, GIT));
    }

    @Test
    void the_modules_have_no_dependency_cycle() {
        assertHolds(ArchitectureRules.subpackagesAreFreeOfCycles(ROOT));
    }

    @ParameterizedTest
    @FieldSource("dev.threadline.bootstrap.architecture.ArchitectureRules#MODULES")
    void the_packages_inside_each_module_have_no_dependency_cycle(String module) {
        assertThat(production.containPackage(module)).as(module).isTrue();
        assertHolds(ArchitectureRules.subpackagesAreFreeOfCycles(module));
    }

    @Test
    void bootstrap_holds_only_the_wiring_the_facade_and_main() {
        assertHolds(ArchitectureRules.holdsOnlyWiring(BOOTSTRAP));
    }

    @ParameterizedTest
    @ValueSource(strings = {APPLICATION, JSON, SQLITE, POSTGRES, GIT, CLI, BENCHMARK, BOOTSTRAP})
    void no_module_but_the_domain_mints_an_id_outside_the_id_source(String module) {
        assertHolds(ArchitectureRules.takesNewIdsOnlyFrom(IdSource.class.getName(), module, DOMAIN));
    }
}
