package io.ipseckeyagent.adapters.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.plugin.AgentPlugin;
import io.ipseckeyagent.plugin.PluginContext;
import io.ipseckeyagent.plugin.PluginSettings;
import io.ipseckeyagent.plugin.RelayLink;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The built-in publisher works with any {@link PluginContext}, as a third party's plugin does. */
class CiliumNodePublisherPluginTest {
    private final PluginContext context = mock(PluginContext.class);

    @Test
    void usesTheSharedClientAndSaysSoWhenThereIsNone() {
        given(context.settings()).willReturn(new PluginSettings(NodeName.of("node-1"), "default", Path.of("keys"),
                Duration.ofSeconds(10), Path.of("state"), Option.none(), false));
        given(context.shared(RelayLink.class)).willReturn(Option.none());
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            given(context.shared(KubernetesClient.class)).willReturn(Option.some(client));
            assertThat(new CiliumNodePublisherPlugin().publisher(context)).isNotNull();
        }
        given(context.shared(KubernetesClient.class)).willReturn(Option.none());
        assertThatThrownBy(() -> new CiliumNodePublisherPlugin().publisher(context))
                .hasMessage("the agent shares no API server client with this plugin");
    }

    @Test
    void declaresThisPluginApi() {
        assertThat(new CiliumNodePublisherPlugin().apiVersion()).isEqualTo(AgentPlugin.API_VERSION);
        assertThat(new CiliumNodePublisherPlugin().name()).isEqualTo("cilium-node");
    }
}
