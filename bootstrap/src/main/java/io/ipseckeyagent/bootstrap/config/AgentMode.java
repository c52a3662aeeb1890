package io.ipseckeyagent.bootstrap.config;

/**
 * {@code --mode}: which adapters surround the core. {@code publish} writes this node's SPI to its
 * CiliumNode and watches every CiliumNode; {@code relay} hands the keys to cilium-agent through
 * {@code --relay-key-file} and only confirms, from its own CiliumNode, that Cilium adopted them.
 */
public enum AgentMode {
    PUBLISH,
    RELAY
}
