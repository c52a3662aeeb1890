package io.ipseckeyagent.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.conditions.ArchPredicates.are;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static io.ipseckeyagent.architecture.RuleParts.DEPENDENCY_INJECTION;
import static io.ipseckeyagent.architecture.RuleParts.SEALED;
import static io.ipseckeyagent.architecture.RuleParts.VAVR_GET;
import static io.ipseckeyagent.architecture.RuleParts.subtree;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The agent's architecture as ArchUnit rules, for a code base rooted at one package: {@code
 * io.ipseckeyagent} in production, a fixture package in the rules' own tests. Modules map to
 * subpackages: {@code domain}, {@code application} (with {@code port.in}, {@code port.out}),
 * {@code plugin} (the plugin API), {@code pluginhost}, {@code adapters.<name>}, {@code cli}, {@code bootstrap}, {@code simulator},
 * {@code testkit} (and {@code standins}, the kubelet volume and mock API server). Every rule keeps ArchUnit's {@code failOnEmptyShould}:
 * a rule whose packages hold no class fails instead of passing for nothing.
 */
public final class HexagonRules {
    /** The production root. */
    public static final String AGENT_ROOT = "io.ipseckeyagent";

    private static final String[] TEST_LIBRARIES = {"org.junit..", "org.assertj..", "org.mockito..", "org.awaitility.."};

    private final String root;

    private HexagonRules(String root) {
        this.root = RuleParts.requirePackageName(root);
    }

    public static HexagonRules forRoot(String rootPackage) {
        return new HexagonRules(rootPackage);
    }

    /** Every rule below, in the order they are documented. */
    public List<ArchRule> all() {
        return List.of(
                domainDependsOnlyOnJavaAndVavr(),
                applicationDependsOnlyOnDomainJavaAndVavr(),
                pluginApiDependsOnlyOnApplicationDomainJavaAndVavr(),
                pluginHostDependsOnlyOnThePluginApi(),
                cliKnowsNoAgentCode(),
                adaptersDoNotDependOnEachOther(),
                adaptersDoNotDependOnBootstrap(),
                portsDoNotDependOnServices(),
                adaptersDoNotDependOnServices(),
                simulatorDoesNotDependOnBootstrap(),
                onlyTheTestKitUsesTestLibraries(),
                onlyBootstrapUsesDependencyInjection(),
                noPackageCycles(),
                inPortsAreNamedUseCase(),
                outPortsAreNamedPort(),
                noVavrGet(),
                standardStreamsOnlyInBootstrap(),
                adaptersExposeOnlyEntriesAndValues(),
                sealedTypesAreDispatchedBySwitch());
    }

    /** Explicit because {@code onionArchitecture()} would let the domain import any framework. */
    public ArchRule domainDependsOnlyOnJavaAndVavr() {
        return classes().that().resideInAPackage(pkg("domain"))
                .should().onlyDependOnClassesThat().resideInAnyPackage(pkg("domain"), "java..", "io.vavr..")
                .because("the domain is pure logic that every adapter, test and simulator runs as is");
    }

    /** No framework, and no file watching or JDK logging either: those are adapters' jobs. */
    public ArchRule applicationDependsOnlyOnDomainJavaAndVavr() {
        return classes().that().resideInAPackage(pkg("application"))
                .should().onlyDependOnClassesThat(
                        resideInAnyPackage(pkg("application"), pkg("domain"), "java..", "io.vavr..")
                                .and(not(resideInAnyPackage("java.nio.file..", "java.util.logging.."))))
                .because("the core reaches files, clusters, time and logs only through its ports");
    }

    /** The plugin API is what third parties compile against: the ports and nothing of ours beyond. */
    public ArchRule pluginApiDependsOnlyOnApplicationDomainJavaAndVavr() {
        return classes().that().resideInAPackage(pkg("plugin"))
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage(pkg("plugin"), pkg("application"), pkg("domain"), "java..", "io.vavr..")
                .because("a plugin author needs only the plugin API and the application's ports");
    }

    /** The plugin host loads plugins as a third party's would be loaded: through the plugin API, knowing no adapter or wiring. */
    public ArchRule pluginHostDependsOnlyOnThePluginApi() {
        return classes().that().resideInAPackage(pkg("pluginhost"))
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage(pkg("pluginhost"), pkg("plugin"), pkg("application"), pkg("domain"), "java..", "io.vavr..")
                .because("built-in and third-party plugins are found and isolated the same way");
    }

    /** What the agent's and the simulator's command lines share is picocli conventions: no agent logic hides there. */
    public ArchRule cliKnowsNoAgentCode() {
        return classes().that().resideInAPackage(pkg("cli"))
                .should().onlyDependOnClassesThat().resideInAnyPackage(pkg("cli"), "picocli..", "java..")
                .because("the two jars share how they say a usage error and spell -o text|json, never what they do");
    }

    /** Each {@code adapters.<name>} subtree is a slice; no slice may use another. */
    public ArchRule adaptersDoNotDependOnEachOther() {
        return slices().matching(root + ".adapters.(*)..").namingSlices("adapter '$1'")
                .should().notDependOnEachOther()
                .because("an adapter can be replaced or left out without touching the others");
    }

    public ArchRule adaptersDoNotDependOnBootstrap() {
        return noClasses().that().resideInAPackage(pkg("adapters"))
                .should().dependOnClassesThat().resideInAPackage(pkg("bootstrap"))
                .because("bootstrap wires the adapters, not the other way round");
    }

    /** A port is the contract; the service is one implementation behind it (buckpal's rule). */
    public ArchRule portsDoNotDependOnServices() {
        return noClasses().that().resideInAPackage(pkg("application.port"))
                .should().dependOnClassesThat().resideInAPackage(pkg("application.service"))
                .because("ports are the core's contract and must not name what implements them");
    }

    /** Adapters drive the core through its in ports and are driven through its out ports, never via the service class. */
    public ArchRule adaptersDoNotDependOnServices() {
        return noClasses().that().resideInAPackage(pkg("adapters"))
                .should().dependOnClassesThat().resideInAPackage(pkg("application.service"))
                .because("an adapter sees the use cases it calls and the ports it implements, not the service behind them");
    }

    /** The simulator composes the adapters (real and in-memory) itself; bootstrap is the agent's own wiring. */
    public ArchRule simulatorDoesNotDependOnBootstrap() {
        return noClasses().that().resideInAPackage(pkg("simulator"))
                .should().dependOnClassesThat().resideInAPackage(pkg("bootstrap"))
                .because("the simulator uses adapters and the in-memory adapters, never the agent's CLI and Guice wiring");
    }

    /**
     * JUnit, AssertJ and Mockito in main code only in the test kit: the demo runs on the stand-ins
     * (Secret volume, mock API server), which are production code, and ships no test library.
     */
    public ArchRule onlyTheTestKitUsesTestLibraries() {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(pkg("testkit"))
                .should().dependOnClassesThat().resideInAnyPackage(TEST_LIBRARIES)
                .orShould().dependOnClassesThat().resideInAPackage(pkg("testkit"))
                .because("production code, the simulator's demo included, must not need test artifacts");
    }

    public ArchRule onlyBootstrapUsesDependencyInjection() {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(pkg("bootstrap"))
                .should().dependOnClassesThat().resideInAnyPackage(DEPENDENCY_INJECTION)
                .because("only bootstrap wires; adapters and plugins stay usable without Guice");
    }

    /** Every package below the root is its own slice ({@code domain.key}, {@code application.port.out}...). */
    public ArchRule noPackageCycles() {
        return slices().matching(root + ".(**)").namingSlices("package '$1'")
                .should().beFreeOfCycles();
    }

    /** Sealed interfaces and nested types are the ports' values, not ports: they are exempt. */
    public ArchRule inPortsAreNamedUseCase() {
        return classes().that().resideInAPackage(pkg("application.port.in"))
                .and().areInterfaces().and().areTopLevelClasses().and(are(not(SEALED)))
                .should().haveSimpleNameEndingWith("UseCase")
                .because("an in port is named <Verb><Noun>UseCase");
    }

    /** Sealed interfaces ({@code AgentEvent}, {@code PublishOutcome}...) and nested types are exempt. */
    public ArchRule outPortsAreNamedPort() {
        return classes().that().resideInAPackage(pkg("application.port.out"))
                .and().areInterfaces().and().areTopLevelClasses().and(are(not(SEALED)))
                .should().haveSimpleNameEndingWith("Port")
                .because("an out port is named <Noun>Port");
    }

    /** Calls and method references alike ({@code Option::get}). */
    public ArchRule noVavrGet() {
        return noClasses().that().resideInAPackage(root + "..")
                .should().accessTargetWhere(VAVR_GET)
                .because("absence and failure are handled with fold, getOrElse or match, never by throwing");
    }

    /** {@code System.out}, {@code System.err} and {@code printStackTrace()}. */
    public ArchRule standardStreamsOnlyInBootstrap() {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(pkg("bootstrap"))
                .and().resideOutsideOfPackage(pkg("adapters.observability"))
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .because("the core reports through AgentEventsPort and adapters log through SLF4J,"
                        + " whose backend (adapters.observability) is the one writer of standard error");
    }

    /**
     * Adapters are package-private behind a small entry surface. A public top-level class in an
     * adapter is its entry factory ({@code *Adapters}), a {@code ServiceLoader} provider (it
     * implements the plugin API or SLF4J's provider SPI, and must be public), or a value: a record, an
     * enum or an exception. The in-memory adapters are the exception: they are test doubles and
     * simulation parts whose controls (refuse the next apply, fail the next publish) are their API.
     */
    public ArchRule adaptersExposeOnlyEntriesAndValues() {
        return classes().that().resideInAPackage(pkg("adapters")).and().resideOutsideOfPackage(pkg("adapters.inmemory"))
                .and().arePublic().and().areTopLevelClasses()
                .should().haveSimpleNameEndingWith("Adapters")
                .orShould().beAssignableTo("org.slf4j.spi.SLF4JServiceProvider")
                .orShould().beAssignableTo(resideInAPackage(pkg("plugin")))
                .orShould().beRecords()
                .orShould().beEnums()
                .orShould().beAssignableTo(Throwable.class)
                .because("an adapter's internals can change without breaking bootstrap or plugins");
    }

    /**
     * A method that asks {@code instanceof} twice or more of the subtypes of one of our sealed types
     * is a chain where an exhaustive {@code switch} belongs: there a new case fails the build, here it
     * falls through silently. A single guard ("only when in this phase") and {@code equals} are fine.
     */
    public ArchRule sealedTypesAreDispatchedBySwitch() {
        return codeUnits().that().areDeclaredInClassesThat().resideInAPackage(root + "..")
                .and().doNotHaveName("equals")
                .should(new ArchCondition<JavaCodeUnit>("not chain instanceof over a sealed type") {
                    @Override
                    public void check(JavaCodeUnit unit, ConditionEvents events) {
                        Map<String, Long> checksPerSealedType = unit.getInstanceofChecks().stream()
                                .map(check -> sealedSupertypeOf(check.getRawType()))
                                .flatMap(Optional::stream)
                                .collect(Collectors.groupingBy(name -> name, Collectors.counting()));
                        checksPerSealedType.forEach((sealed, count) -> {
                            if (count > 1) {
                                events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " asks instanceof "
                                        + count + " times of sealed " + sealed + " in " + unit.getSourceCodeLocation()));
                            }
                        });
                    }
                })
                .because("a switch over a sealed type is checked for exhaustiveness; an instanceof chain is not");
    }

    /** The sealed type of ours that {@code type} is, or directly extends or implements. */
    private Optional<String> sealedSupertypeOf(JavaClass type) {
        return Stream.concat(Stream.of(type), Stream.concat(type.getRawSuperclass().stream(),
                        type.getRawInterfaces().stream()))
                .filter(candidate -> candidate.getPackageName().startsWith(root))
                .filter(candidate -> candidate.reflect().isSealed())
                .map(JavaClass::getName)
                .findFirst();
    }

    private String pkg(String subpackage) {
        return subtree(root, subpackage);
    }
}
