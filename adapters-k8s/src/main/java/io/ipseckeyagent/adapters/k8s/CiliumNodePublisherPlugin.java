package io.ipseckeyagent.adapters.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipseckeyagent.application.port.out.NodeKeyPublisherPort;
import io.ipseckeyagent.plugin.PluginContext;
import io.ipseckeyagent.plugin.PublisherPlugin;
import io.ipseckeyagent.plugin.RelayLink;

/**
 * {@code --publisher=cilium-node} (the default): one merge patch of this node's CiliumNode per
 * attempt, through the API server client the agent shares ({@code --kubeconfig}); creates a missing CiliumNode
 * only with {@code --create-cilium-node}. In relay mode it writes nothing: it confirms, from the
 * own CiliumNode, that cilium-agent published the relayed SPI.
 */
public record CiliumNodePublisherPlugin(String name, int apiVersion) implements PublisherPlugin {
    public static final String NAME = "cilium-node";

    /** What {@code ServiceLoader} calls; javac copies {@code API_VERSION} into this class. */
    public CiliumNodePublisherPlugin() {
        this(NAME, API_VERSION);
    }

    @Override
    public NodeKeyPublisherPort publisher(PluginContext context) {
        return context.shared(RelayLink.class)
                .map(relay -> KubernetesAdapters.confirmingPublisher(relay.adoption(), context.settings().nodeName(),
                        relay.timers(), KubernetesAdapters.DEFAULT_ADOPTION_WAIT))
                .orElse(() -> context.shared(KubernetesClient.class)
                        .map(client -> KubernetesAdapters.publisher(client, context.settings().createCiliumNode())))
                .getOrElseThrow(() -> new IllegalStateException("the agent shares no API server client with this plugin"));
    }
}
