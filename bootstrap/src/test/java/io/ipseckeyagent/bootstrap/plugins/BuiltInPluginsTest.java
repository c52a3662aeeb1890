package io.ipseckeyagent.bootstrap.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.ipseckeyagent.application.port.out.ClockPort;
import io.ipseckeyagent.application.port.out.RandomSourcePort;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.plugin.AgentPlugin;
import io.ipseckeyagent.plugin.PluginContext;
import io.ipseckeyagent.plugin.PluginSettings;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-ins work with any {@link PluginContext}, as a third party's plugin does: none needs the agent's own. */
class BuiltInPluginsTest {
    @TempDir
    Path temp;

    @Test
    void theFileKeySourceReadsTheKeyFileOfTheTypedSettings() {
        PluginContext context = new ThirdPartyContext(settings(), Option.none());

        assertThat(new FileKeySourcePlugin().keySource(context).location()).isEqualTo(temp.resolve("keys").toString());
    }

    @Test
    void theStateFileDatapathRecordsInTheStateFileOfTheTypedSettings() {
        PluginContext context = new ThirdPartyContext(settings(), Option.none());

        assertThat(new StateFileDatapathPlugin().datapath(context).lastApplied()).isEmpty();
    }

    @Test
    void theCiliumNodePublisherUsesTheSharedClientAndSaysSoWhenThereIsNone() {
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            assertThat(new CiliumNodePublisherPlugin().publisher(new ThirdPartyContext(settings(), Option.some(client))))
                    .isNotNull();
        }
        assertThatThrownBy(() -> new CiliumNodePublisherPlugin().publisher(new ThirdPartyContext(settings(), Option.none())))
                .hasMessage("the agent shares no API server client with this plugin");
    }

    @Test
    void everyBuiltInDeclaresThisPluginApi() {
        assertThat(List.<AgentPlugin>of(new FileKeySourcePlugin(), new CiliumNodePublisherPlugin(), new StateFileDatapathPlugin()))
                .allSatisfy(plugin -> assertThat(plugin.apiVersion()).as(plugin.name()).isEqualTo(AgentPlugin.API_VERSION));
    }

    private PluginSettings settings() {
        return new PluginSettings(NodeName.of("node-1"), "default", temp.resolve("keys"), Duration.ofSeconds(10),
                temp.resolve("state"), Option.none(), false);
    }

    /** A context as a third party's test would write it. */
    private record ThirdPartyContext(PluginSettings settings, Option<KubernetesClient> client) implements PluginContext {
        @Override
        public ClockPort clock() {
            return () -> Instant.EPOCH;
        }

        @Override
        public RandomSourcePort random() {
            return () -> 0.5;
        }

        @Override
        public Option<String> setting(String name) {
            return Option.none();
        }

        @Override
        public <T> Option<T> shared(Class<T> type) {
            return client.filter(type::isInstance).map(type::cast);
        }

        @Override
        public void closeOnStop(AutoCloseable resource) {}
    }
}
