package io.ipseckeyagent.pluginhost;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.plugin.AgentPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an operator may write to choose a plugin, and what a plugin that cannot make its adapter is told. */
class PluginCatalogNamesTest {
    private static final AgentPlugin VAULT = new AgentPlugin() {
        @Override
        public String name() {
            return "vault";
        }

        @Override
        public int apiVersion() {
            return API_VERSION;
        }
    };

    @ParameterizedTest
    @ValueSource(strings = {"file", "cilium-node", "state_file.v2", "A1"})
    void acceptsLettersDigitsDashDotAndUnderscore(String name) {
        assertThat(PluginCatalog.parseName(name).get()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"my source", "-x", "x-", "é", ""})
    void refusesOtherNames(String name) {
        assertThat(PluginCatalog.parseName(name).getLeft()).isEqualTo("\"" + name + "\" is not an adapter name"
                + " (letters, digits, '-', '.' and '_', at most 64 characters)");
        assertThat(PluginCatalog.parseName("a".repeat(65)).isLeft()).isTrue();
    }

    @Test
    void anAdapterIsWhatThePluginMade() {
        assertThat(PluginCatalog.adapter("key source", VAULT, () -> "adapter").get()).isEqualTo("adapter");
    }

    @Test
    void aPluginThatThrowsOrReturnsNullIsNamedWithItsReason() {
        assertThat(PluginCatalog.adapter("key source", VAULT, () -> {
            throw new IllegalStateException("no vault token");
        }).getLeft()).isEqualTo("the key source plugin \"vault\" failed to start: java.lang.IllegalStateException: no vault token");
        assertThat(PluginCatalog.adapter("datapath", VAULT, () -> null).getLeft())
                .isEqualTo("the datapath plugin \"vault\" failed to start: java.lang.IllegalStateException: it returned null");
    }
}
