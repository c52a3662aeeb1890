package io.ipseckeyagent.architecture;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Every rule of {@link HexagonRules} on the agent's own production classes, all modules at once. */
@AnalyzeClasses(locations = ReactorModules.class)
class AgentArchitectureTest {
    private static final HexagonRules AGENT = HexagonRules.forRoot(HexagonRules.AGENT_ROOT);

    @ArchTest
    static final ArchRule domainDependsOnlyOnJavaAndVavr = AGENT.domainDependsOnlyOnJavaAndVavr();

    @ArchTest
    static final ArchRule applicationDependsOnlyOnDomainJavaAndVavr = AGENT.applicationDependsOnlyOnDomainJavaAndVavr();

    @ArchTest
    static final ArchRule pluginApiDependsOnlyOnApplicationDomainJavaAndVavr =
            AGENT.pluginApiDependsOnlyOnApplicationDomainJavaAndVavr();

    @ArchTest
    static final ArchRule pluginHostDependsOnlyOnThePluginApi = AGENT.pluginHostDependsOnlyOnThePluginApi();

    @ArchTest
    static final ArchRule adaptersDoNotDependOnEachOther = AGENT.adaptersDoNotDependOnEachOther();

    @ArchTest
    static final ArchRule adaptersDoNotDependOnBootstrap = AGENT.adaptersDoNotDependOnBootstrap();

    @ArchTest
    static final ArchRule portsDoNotDependOnServices = AGENT.portsDoNotDependOnServices();

    @ArchTest
    static final ArchRule adaptersDoNotDependOnServices = AGENT.adaptersDoNotDependOnServices();

    @ArchTest
    static final ArchRule simulatorDoesNotDependOnBootstrap = AGENT.simulatorDoesNotDependOnBootstrap();

    @ArchTest
    static final ArchRule onlyTheTestKitUsesTestLibraries = AGENT.onlyTheTestKitUsesTestLibraries();

    @ArchTest
    static final ArchRule onlyBootstrapUsesDependencyInjection = AGENT.onlyBootstrapUsesDependencyInjection();

    @ArchTest
    static final ArchRule noPackageCycles = AGENT.noPackageCycles();

    @ArchTest
    static final ArchRule inPortsAreNamedUseCase = AGENT.inPortsAreNamedUseCase();

    @ArchTest
    static final ArchRule outPortsAreNamedPort = AGENT.outPortsAreNamedPort();

    @ArchTest
    static final ArchRule noVavrGet = AGENT.noVavrGet();

    @ArchTest
    static final ArchRule standardStreamsOnlyInBootstrap = AGENT.standardStreamsOnlyInBootstrap();

    @ArchTest
    static final ArchRule adaptersExposeOnlyEntriesAndValues = AGENT.adaptersExposeOnlyEntriesAndValues();

    @ArchTest
    static final ArchRule sealedTypesAreDispatchedBySwitch = AGENT.sealedTypesAreDispatchedBySwitch();
}
