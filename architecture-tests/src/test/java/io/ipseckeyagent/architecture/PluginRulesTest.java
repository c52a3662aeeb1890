package io.ipseckeyagent.architecture;

import static io.ipseckeyagent.architecture.Fixtures.BAD_THIRD_PARTY;
import static io.ipseckeyagent.architecture.Fixtures.GOOD_THIRD_PARTY;
import static io.ipseckeyagent.architecture.Fixtures.GOOD_ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A plugin is checked on its own package against the agent it plugs into (here: the good fixture). */
class PluginRulesTest {
    private static final JavaClasses GOOD = Fixtures.importPackage(GOOD_THIRD_PARTY);
    private static final JavaClasses BAD = Fixtures.importPackage(BAD_THIRD_PARTY);

    @Test
    void usesOnlyTheAgentsPublicApi() {
        assertBroken(PluginRules::usesOnlyTheAgentsPublicApi, "good.adapters.fs.FsAdapters");
    }

    @Test
    void noDependencyInjection() {
        assertBroken(PluginRules::noDependencyInjection, "jakarta.inject.Inject");
    }

    @Test
    void noVavrGet() {
        assertBroken(PluginRules::noVavrGet, "io.vavr.control.Option.get()");
    }

    @Test
    void noStandardStreams() {
        assertBroken(PluginRules::noStandardStreams, "java.lang.System.err");
    }

    @Test
    void everyRuleIsProvenHere() {
        assertThat(PluginRules.forPlugin(GOOD_THIRD_PARTY).all()).hasSize(4);
    }

    @Test
    void theDefaultAgentIsTheProductionRoot() {
        assertThat(PluginRules.forPlugin("com.example.keys").usesOnlyTheAgentsPublicApi().getDescription())
                .contains("'io.ipseckeyagent..'", "'com.example.keys..'");
    }

    private static void assertBroken(Function<PluginRules, ArchRule> rule, String fragment) {
        assertThatThrownBy(() -> rule.apply(PluginRules.forPlugin(GOOD_ROOT, BAD_THIRD_PARTY)).check(BAD))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("thirdparty.bad.ReachesIntoTheAgent")
                .hasMessageContaining(fragment);
        assertThatCode(() -> rule.apply(PluginRules.forPlugin(GOOD_ROOT, GOOD_THIRD_PARTY)).check(GOOD))
                .doesNotThrowAnyException();
    }
}
