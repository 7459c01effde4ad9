package dev.threadline.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.threadline.archfixture.application.ReachingUseCase;
import dev.threadline.archfixture.application.command.FixtureResult;
import dev.threadline.archfixture.application.minting.FixtureIds;
import dev.threadline.archfixture.application.minting.MintingUseCase;
import dev.threadline.archfixture.application.port.FixturePort;
import dev.threadline.archfixture.benchmark.ReachingScenario;
import dev.threadline.archfixture.bootstrap.store.StrayStore;
import dev.threadline.archfixture.cli.FixtureCommand;
import dev.threadline.archfixture.domain.LeakyRepository;
import dev.threadline.archfixture.json.LeakyCodec;
import dev.threadline.archfixture.sqlite.FixtureStore;
import org.junit.jupiter.api.Test;

/**
 * The rules are not vacuous: applied to planted violations in {@code dev.threadline.archfixture},
 * the very same rule definitions report them.
 */
class ArchitectureRulesBiteTest {

    private static final String FIXTURE = "dev.threadline.archfixture";
    private static final String FIXTURE_DOMAIN = FIXTURE + ".domain";
    private static final String FIXTURE_APPLICATION = FIXTURE + ".application";
    private static final String FIXTURE_SQLITE = FIXTURE + ".sqlite";
    private static final String FIXTURE_CLI = FIXTURE + ".cli";
    private static final String FIXTURE_JSON = FIXTURE + ".json";
    private static final String FIXTURE_BENCHMARK = FIXTURE + ".benchmark";
    private static final String FIXTURE_BOOTSTRAP = FIXTURE + ".bootstrap";

    private final JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE);

    @Test
    void the_framework_free_core_rule_reports_a_domain_class_that_uses_jdbc() {
        assertThat(fixture.contain(LeakyRepository.class)).isTrue();

        EvaluationResult result =
                ArchitectureRules.isFrameworkFree(FIXTURE_DOMAIN).evaluate(fixture);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .isNotEmpty()
                .allSatisfy(detail -> assertThat(detail).contains(LeakyRepository.class.getName()))
                .anySatisfy(detail -> assertThat(detail).contains("java.sql.Connection"));
    }

    @Test
    void the_framework_free_core_rule_accepts_a_package_that_uses_no_framework() {
        assertThat(fixture.contain(ReachingUseCase.class)).isTrue();

        EvaluationResult result =
                ArchitectureRules.isFrameworkFree(FIXTURE_APPLICATION).evaluate(fixture);

        assertThat(result.hasViolation()).isFalse();
    }

    @Test
    void the_layering_rule_reports_an_application_class_that_uses_an_adapter() {
        EvaluationResult result = ArchitectureRules.dependsOnlyOnTheJdkAnd(FIXTURE_APPLICATION, FIXTURE_DOMAIN)
                .evaluate(fixture);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(detail -> assertThat(detail)
                        .contains(ReachingUseCase.class.getName())
                        .contains(FixtureStore.class.getName()));
    }

    @Test
    void the_adapter_rule_reports_an_adapter_that_uses_another_adapter() {
        EvaluationResult result =
                ArchitectureRules.doesNotDependOn(FIXTURE_SQLITE, FIXTURE_CLI).evaluate(fixture);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(detail -> assertThat(detail)
                        .contains(FixtureStore.class.getName())
                        .contains(FixtureCommand.class.getName()));
    }

    @Test
    void the_codec_rule_reports_a_codec_class_that_uses_a_storage_adapter() {
        assertThat(fixture.contain(LeakyCodec.class)).isTrue();

        EvaluationResult result = ArchitectureRules.dependsOnlyOnTheDomainAndJackson(FIXTURE_JSON, FIXTURE_DOMAIN)
                .evaluate(fixture);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(detail ->
                        assertThat(detail).contains(LeakyCodec.class.getName()).contains(FixtureStore.class.getName()));
    }

    @Test
    void the_benchmark_rule_reports_a_scenario_that_uses_the_cli_adapter() {
        assertThat(fixture.contain(ReachingScenario.class)).isTrue();

        EvaluationResult result = ArchitectureRules.benchmarkDoesNotDependOn(
                        FIXTURE_BENCHMARK, FIXTURE_CLI, FIXTURE_BOOTSTRAP)
                .evaluate(fixture);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(detail -> assertThat(detail)
                        .contains(ReachingScenario.class.getName())
                        .contains(FixtureCommand.class.getName()));
    }

    @Test
    void the_cycle_rule_reports_two_modules_that_use_each_other() {
        EvaluationResult result =
                ArchitectureRules.subpackagesAreFreeOfCycles(FIXTURE).evaluate(fixture);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("sqlite").contains("cli");
    }

    @Test
    void the_cycle_rule_reports_two_packages_of_one_module_that_use_each_other() {
        EvaluationResult result = ArchitectureRules.subpackagesAreFreeOfCycles(FIXTURE_APPLICATION)
                .evaluate(fixture);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString())
                .contains(FixturePort.class.getName())
                .contains(FixtureResult.class.getName());
    }

    @Test
    void the_cycle_rule_accepts_a_module_whose_packages_form_no_cycle() {
        EvaluationResult result =
                ArchitectureRules.subpackagesAreFreeOfCycles(FIXTURE_DOMAIN).evaluate(fixture);

        assertThat(result.hasViolation()).isFalse();
    }

    @Test
    void the_wiring_rule_reports_storage_code_in_a_subpackage_of_the_composition_root() {
        EvaluationResult result =
                ArchitectureRules.holdsOnlyWiring(FIXTURE + ".bootstrap").evaluate(fixture);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(detail -> assertThat(detail)
                        .contains(StrayStore.class.getName())
                        .contains("does not reside in a package"))
                .anySatisfy(detail -> assertThat(detail).contains("java.sql.Connection"));
    }

    @Test
    void the_id_rule_reports_a_use_case_that_mints_ids_itself_and_accepts_the_id_source() {
        assertThat(fixture.contain(MintingUseCase.class)).isTrue();

        EvaluationResult result = ArchitectureRules.takesNewIdsOnlyFrom(
                        FixtureIds.class.getName(), FIXTURE_APPLICATION, ArchitectureRules.DOMAIN)
                .evaluate(fixture);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .allSatisfy(detail -> assertThat(detail)
                        .contains(MintingUseCase.class.getName())
                        .doesNotContain(FixtureIds.class.getName()))
                .anySatisfy(detail -> assertThat(detail).contains("ThreadId.next()"))
                .anySatisfy(detail -> assertThat(detail).contains("NewEvent.of("));
    }
}
