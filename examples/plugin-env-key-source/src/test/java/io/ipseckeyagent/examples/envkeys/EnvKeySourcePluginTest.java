package io.ipseckeyagent.examples.envkeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.plugin.AgentPlugin;
import io.ipseckeyagent.plugin.KeySourcePlugin;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class EnvKeySourcePluginTest {

    @Test
    void serviceLoaderFindsItByTheNameKeySourcePicks() {
        assertThat(ServiceLoader.load(KeySourcePlugin.class).stream().map(ServiceLoader.Provider::get))
                .singleElement()
                .satisfies(plugin -> {
                    assertThat(plugin.name()).isEqualTo("env");
                    assertThat(plugin.apiVersion()).isEqualTo(AgentPlugin.API_VERSION);
                    assertThat(plugin.keySource(null).location()).isEqualTo("env:IPSEC_KEYS");
                });
    }
}
