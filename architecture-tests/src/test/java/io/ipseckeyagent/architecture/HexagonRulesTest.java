package io.ipseckeyagent.architecture;

import static io.ipseckeyagent.architecture.Fixtures.BAD;
import static io.ipseckeyagent.architecture.Fixtures.BAD_ROOT;
import static io.ipseckeyagent.architecture.Fixtures.GOOD;
import static io.ipseckeyagent.architecture.Fixtures.GOOD_ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.lang.ArchRule;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Proves each rule: it fails on the fixture that breaks it, naming the culprit, and passes on the
 * fixture that keeps it. A rule that cannot fail protects nothing.
 */
class HexagonRulesTest {
    private static final HexagonRules ON_BAD = HexagonRules.forRoot(BAD_ROOT);
    private static final HexagonRules ON_GOOD = HexagonRules.forRoot(GOOD_ROOT);

    @Test
    void domainDependsOnlyOnJavaAndVavr() {
        assertBroken(HexagonRules::domainDependsOnlyOnJavaAndVavr,
                "bad.domain.UsesGuice", "com.google.inject.Injector");
    }

    @Test
    void applicationMayNotLogWithAFramework() {
        assertBroken(HexagonRules::applicationDependsOnlyOnDomainJavaAndVavr,
                "bad.application.service.LogsWithSlf4j", "org.slf4j.Logger");
    }

    @Test
    void applicationMayNotWatchFilesThoughTheJdkOffersIt() {
        assertBroken(HexagonRules::applicationDependsOnlyOnDomainJavaAndVavr,
                "bad.application.service.WatchesFiles", "java.nio.file.WatchService");
    }

    @Test
    void pluginApiDependsOnlyOnApplicationDomainJavaAndVavr() {
        assertBroken(HexagonRules::pluginApiDependsOnlyOnApplicationDomainJavaAndVavr,
                "bad.plugin.LeaksGuice", "com.google.inject.Module");
    }

    @Test
    void pluginHostDependsOnlyOnThePluginApi() {
        assertBroken(HexagonRules::pluginHostDependsOnlyOnThePluginApi,
                "bad.pluginhost.ReadsTheWiring", "bad.bootstrap.Wiring");
    }

    @Test
    void cliKnowsNoAgentCode() {
        assertBroken(HexagonRules::cliKnowsNoAgentCode, "bad.cli.ParsesKeys", "bad.bootstrap.Wiring");
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        assertBroken(HexagonRules::adaptersDoNotDependOnEachOther,
                "adapter 'fs' depends on adapter 'k8s'", "bad.adapters.fs.ReadsFromK8s");
    }

    @Test
    void adaptersDoNotDependOnBootstrap() {
        assertBroken(HexagonRules::adaptersDoNotDependOnBootstrap,
                "bad.adapters.k8s.CallsBootstrap", "bad.bootstrap.Wiring");
    }

    @Test
    void portsDoNotDependOnServices() {
        assertBroken(HexagonRules::portsDoNotDependOnServices,
                "bad.application.port.in.HandThingUseCase", "bad.application.service.ThingService");
    }

    @Test
    void adaptersDoNotDependOnServices() {
        assertBroken(HexagonRules::adaptersDoNotDependOnServices,
                "bad.adapters.fs.CallsTheService", "bad.application.service.ThingService");
    }

    @Test
    void simulatorDoesNotDependOnBootstrap() {
        assertBroken(HexagonRules::simulatorDoesNotDependOnBootstrap,
                "bad.simulator.StartsTheRealAgent", "bad.bootstrap.Wiring");
    }

    @Test
    void onlyTheTestKitUsesTestLibraries() {
        // The good fixture's testkit.ThingStoreContract uses JUnit and passes.
        assertBroken(HexagonRules::onlyTheTestKitUsesTestLibraries,
                "bad.simulator.AssertsInMainCode", "org.junit.jupiter.api.Assertions");
    }

    @Test
    void onlyBootstrapUsesDependencyInjection() {
        assertBroken(HexagonRules::onlyBootstrapUsesDependencyInjection,
                "bad.domain.UsesGuice", "com.google.inject.Injector");
    }

    @Test
    void noPackageCycles() {
        assertBroken(HexagonRules::noPackageCycles,
                "Cycle detected: package 'cycle.chicken' ->", "package 'cycle.egg' ->");
    }

    @Test
    void cycleSlicesAreThePackagesBelowTheRoot() {
        assertThat(Fixtures.cycleSliceNames(GOOD_ROOT, GOOD)).containsExactlyInAnyOrder(
                "domain", "application.port.in", "application.port.out", "application.service", "plugin", "pluginhost", "cli",
                "adapters.fs", "adapters.k8s", "bootstrap", "simulator", "testkit");
    }

    @Test
    void inPortsAreNamedUseCase() {
        assertBroken(HexagonRules::inPortsAreNamedUseCase, "bad.application.port.in.DoesThings");
    }

    @Test
    void outPortsAreNamedPortButSealedValuesAndNestedTypesAreExempt() {
        assertBroken(HexagonRules::outPortsAreNamedPort, "bad.application.port.out.WrongName");
        // The good fixture holds a sealed StoreOutcome and a nested ThingStorePort.Receipt: the rule skips them.
        assertThat(GOOD.get(GOOD_ROOT + ".application.port.out.StoreOutcome").isSealed()).isTrue();
    }

    @Test
    void noVavrGetCatchesCallsAndMethodReferences() {
        assertBroken(HexagonRules::noVavrGet,
                "bad.domain.CallsOptionGet.nameOf", "io.vavr.control.Option.get()",
                "bad.domain.ReferencesTryGet.unwrap", "io.vavr.control.Try.get()");
    }

    @Test
    void standardStreamsOnlyInBootstrap() {
        assertBroken(HexagonRules::standardStreamsOnlyInBootstrap,
                "bad.adapters.fs.PrintsToStdout.report", "java.lang.System.out");
    }

    @Test
    void adaptersExposeOnlyEntriesAndValues() {
        // The good fixture's public FsAdapters, FsSettings (a record) and FsThingStorePlugin pass.
        assertBroken(HexagonRules::adaptersExposeOnlyEntriesAndValues, "bad.adapters.k8s.ClusterClient");
    }

    @Test
    void sealedTypesAreDispatchedBySwitch() {
        // The good fixture's Size has an exhaustive switch, a single guard and a record's equals: they pass.
        assertBroken(HexagonRules::sealedTypesAreDispatchedBySwitch,
                "bad.domain.ChainsInstanceof.area", "2 times of sealed", "bad.domain.Shape");
    }

    @Test
    void everyRuleIsProvenHere() {
        // One test above per rule; this catches a rule added to all() without its proof.
        assertThat(ON_GOOD.all()).hasSize(19);
    }

    @Test
    void everyRuleFailsWhenItsPackagesHoldNoClass() {
        HexagonRules elsewhere = HexagonRules.forRoot("io.ipseckeyagent.archfixture.nowhere");
        assertThat(elsewhere.all()).allSatisfy(rule -> assertThatThrownBy(() -> rule.check(GOOD))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("failed to check any classes"));
    }

    @Test
    void theRootMustBeAPackageName() {
        assertThatThrownBy(() -> HexagonRules.forRoot("io.ipseckeyagent..")).isInstanceOf(IllegalArgumentException.class);
    }

    /** The rule fails on the bad fixture naming every fragment, and passes on the good one. */
    private static void assertBroken(Function<HexagonRules, ArchRule> rule, String... fragments) {
        assertThatThrownBy(() -> rule.apply(ON_BAD).check(BAD))
                .isInstanceOf(AssertionError.class)
                .hasMessageContainingAll(fragments);
        assertThatCode(() -> rule.apply(ON_GOOD).check(GOOD)).doesNotThrowAnyException();
    }
}
