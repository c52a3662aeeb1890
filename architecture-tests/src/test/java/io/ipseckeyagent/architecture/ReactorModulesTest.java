package io.ipseckeyagent.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The production import sees every module, and nothing but production classes. */
class ReactorModulesTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .importLocations(new ReactorModules().get(ReactorModulesTest.class));

    @Test
    void everyModuleWithMainSourcesContributesClasses() {
        assertThat(ReactorModules.modules()).contains("domain", "application", "plugin-api", "adapters-fs", "bootstrap", "architecture-tests");
        for (Path directory : ReactorModules.productionClassDirectories()) {
            assertThat(new ClassFileImporter().importPath(directory)).as(directory.toString()).isNotEmpty();
        }
    }

    @Test
    void onlyProductionClassesOfTheAgentAreImported() {
        assertThat(PRODUCTION).isNotEmpty().allSatisfy(javaClass -> assertThat(javaClass.getPackageName())
                .startsWith(HexagonRules.AGENT_ROOT + ".")
                .doesNotStartWith("io.ipseckeyagent.archfixture"));
        assertThat(PRODUCTION.stream().map(JavaClass::getSimpleName)).doesNotContain("ReactorModulesTest");
    }

    @Test
    void cycleSlicesAreTheAgentsPackages() {
        assertThat(Fixtures.cycleSliceNames(HexagonRules.AGENT_ROOT, PRODUCTION))
                .contains("domain.key", "domain.rotation", "application.port.in", "application.port.out",
                        "plugin", "adapters.fs", "bootstrap", "architecture");
    }
}
