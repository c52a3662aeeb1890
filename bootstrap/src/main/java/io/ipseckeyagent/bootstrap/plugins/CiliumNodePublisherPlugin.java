package io.ipseckeyagent.bootstrap.plugins;

import io.ipseckeyagent.adapters.k8s.KubernetesAdapters;
import io.ipseckeyagent.application.port.out.NodeKeyPublisherPort;
import io.ipseckeyagent.plugin.PluginContext;
import io.ipseckeyagent.plugin.PublisherPlugin;

/**
 * {@code --publisher=cilium-node} (the default): one merge patch of this node's CiliumNode per
 * attempt, through the agent's API server client ({@code --kubeconfig}); creates a missing CiliumNode
 * only with {@code --create-cilium-node}.
 */
public final class CiliumNodePublisherPlugin implements PublisherPlugin {
    public static final String NAME = "cilium-node";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public NodeKeyPublisherPort publisher(PluginContext context) {
        AgentPluginContext agent = AgentPluginContext.of(context);
        return KubernetesAdapters.publisher(agent.kubernetesClient(), agent.configuration().createCiliumNode());
    }
}
