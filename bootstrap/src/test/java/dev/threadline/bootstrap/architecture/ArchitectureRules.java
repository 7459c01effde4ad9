package dev.threadline.bootstrap.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * The layering rules of the hexagon, as factories parameterized by package so that a test can
 * prove each one bites by applying the very same definition to a planted violation.
 */
final class ArchitectureRules {

    /** The root package of every Threadline class. */
    static final String ROOT = "dev.threadline";

    static final String DOMAIN = ROOT + ".domain";
    static final String APPLICATION = ROOT + ".application";
    static final String SQLITE = ROOT + ".sqlite";
    static final String POSTGRES = ROOT + ".postgres";
    static final String CLI = ROOT + ".cli";
    static final String GIT = ROOT + ".git";
    static final String JSON = ROOT + ".json";
    static final String BENCHMARK = ROOT + ".benchmark";
    static final String BOOTSTRAP = ROOT + ".bootstrap";

    /** The root package of each module's production classes. */
    static final String[] MODULES = {DOMAIN, APPLICATION, JSON, SQLITE, POSTGRES, GIT, CLI, BENCHMARK, BOOTSTRAP};

    /** Packages of the libraries that must never reach the core: JSON, SQL, the databases, the CLI. */
    static final String[] FRAMEWORK_PACKAGES = {
        "org.jooq..",
        "com.fasterxml.jackson..",
        "java.sql..",
        "javax.sql..",
        "org.sqlite..",
        "org.postgresql..",
        "com.zaxxer..",
        "org.flywaydb..",
        "picocli.."
    };

    private ArchitectureRules() {}

    /**
     * Classes in {@code layer} (and below) depend only on the JDK's {@code java..} packages, on
     * their own layer and on the given other layers.
     */
    static ArchRule dependsOnlyOnTheJdkAnd(String layer, String... allowedLayers) {
        String[] allowed = Stream.concat(
                        Stream.of("java..", layer + ".."),
                        Arrays.stream(allowedLayers).map(other -> other + ".."))
                .toArray(String[]::new);
        return classes()
                .that()
                .resideInAPackage(layer + "..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(allowed)
                .allowEmptyShould(true)
                .because("the inner rings of the hexagon see only the JDK and the rings inside them");
    }

    /** No class in {@code core} (and below) uses Jackson, jOOQ, JDBC, SQLite or picocli types. */
    static ArchRule isFrameworkFree(String core) {
        return noClasses()
                .that()
                .resideInAPackage(core + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FRAMEWORK_PACKAGES)
                .allowEmptyShould(true)
                .because("no Jackson, jOOQ, JDBC or picocli type appears in domain or application");
    }

    /** No class in {@code adapter} (and below) depends on a class in {@code otherAdapter}. */
    static ArchRule doesNotDependOn(String adapter, String otherAdapter) {
        return noClasses()
                .that()
                .resideInAPackage(adapter + "..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(otherAdapter + "..")
                .allowEmptyShould(true)
                .because("adapters never depend on each other");
    }

    /**
     * Classes in {@code codec} (and below) depend only on the JDK, the domain and Jackson: the
     * shared codec is the one adapter that other adapters may use.
     */
    static ArchRule dependsOnlyOnTheDomainAndJackson(String codec, String domain) {
        return classes()
                .that()
                .resideInAPackage(codec + "..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", codec + "..", domain + "..", "com.fasterxml.jackson..")
                .allowEmptyShould(true)
                .because("the codec shared by the adapters sees only the domain and Jackson");
    }

    /** No class in {@code benchmark} (and below) depends on a class in any of {@code others}. */
    static ArchRule benchmarkDoesNotDependOn(String benchmark, String... others) {
        return noClasses()
                .that()
                .resideInAPackage(benchmark + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        Arrays.stream(others).map(other -> other + "..").toArray(String[]::new))
                .allowEmptyShould(true)
                .because("the benchmark measures a store through its own port, not through the command line"
                        + " or the composition root that wires it");
    }

    /**
     * The packages directly under {@code root}, each with its subpackages, form no dependency cycle.
     * Applied to the root of all Threadline classes it slices modules; applied to one module's root
     * it slices that module's feature packages, where Maven's own acyclic module graph proves
     * nothing.
     */
    static ArchRule subpackagesAreFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true);
    }

    /**
     * The composition root holds wiring only: its classes sit in its one package (no feature
     * subpackages such as a benchmark or a store of its own) and use no SQL, JSON or database
     * library themselves; adapters own those. The one exception is {@code javax.sql.DataSource},
     * which an embedder hands the facade to reach a PostgreSQL server through its own pool.
     */
    static ArchRule holdsOnlyWiring(String bootstrap) {
        return classes()
                .that()
                .resideInAPackage(bootstrap + "..")
                .should()
                .resideInAPackage(bootstrap)
                .andShould()
                .onlyDependOnClassesThat(JavaClass.Predicates.resideOutsideOfPackages(
                                "org.jooq..",
                                "com.fasterxml.jackson..",
                                "java.sql..",
                                "javax.sql..",
                                "org.sqlite..",
                                "org.postgresql..",
                                "com.zaxxer..")
                        .or(JavaClass.Predicates.equivalentTo(javax.sql.DataSource.class)))
                .allowEmptyShould(true)
                .because("bootstrap wires the adapters to the application; it holds no feature and no storage code");
    }

    /**
     * No class in {@code layer} (and below) mints an id itself: the static {@code next()} of the
     * id types in {@code domain}'s {@code id} package and {@code NewEvent.of} are left to tests and
     * tools, and every new id comes from the application's id source, which {@code idSource} names.
     */
    static ArchRule takesNewIdsOnlyFrom(String idSource, String layer, String domain) {
        DescribedPredicate<JavaMethodCall> mintsAnId = DescribedPredicate.describe(
                "mints an id statically (" + domain + ".id.*.next() or NewEvent.of)", call -> {
                    String owner = call.getTargetOwner().getPackageName();
                    String name = call.getName();
                    return (owner.equals(domain + ".id") && name.equals("next"))
                            || (call.getTargetOwner().getFullName().equals(domain + ".store.NewEvent")
                                    && name.equals("of"));
                });
        return noClasses()
                .that()
                .resideInAPackage(layer + "..")
                .and()
                .doNotHaveFullyQualifiedName(idSource)
                .should()
                .callMethodWhere(mintsAnId)
                .allowEmptyShould(true)
                .because("new ids come from the id source, so that a test can make them deterministic");
    }
}
