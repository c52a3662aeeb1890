package io.ipseckeyagent.plugin;

import io.ipseckeyagent.application.port.out.NodeKeyPublisherPort;

/** Where a node's key id is published (the built-in one, {@code cilium-node}, patches its CiliumNode). */
public interface PublisherPlugin extends AgentPlugin {
    NodeKeyPublisherPort publisher(PluginContext context);
}
