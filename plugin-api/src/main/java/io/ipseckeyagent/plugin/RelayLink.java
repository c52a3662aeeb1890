package io.ipseckeyagent.plugin;

import io.ipseckeyagent.application.port.out.KeyAdoptionPort;
import io.ipseckeyagent.application.port.out.SchedulerPort;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What relay mode shares with plugins (through {@link PluginContext#shared}, absent in publish
 * mode): with it, the built-in {@code cilium-node} confirms adoption instead of writing and
 * {@code state-file} writes the key file cilium-agent reads. A third party's plugin may use it alike.
 *
 * @param relayKeyFile {@code --relay-key-file}
 * @param adoption the watch of the own CiliumNode
 * @param timers the agent's scheduler, for the bounded adoption waits
 */
public record RelayLink(Path relayKeyFile, KeyAdoptionPort adoption, SchedulerPort timers) {
    public RelayLink {
        Objects.requireNonNull(relayKeyFile, "relayKeyFile");
        Objects.requireNonNull(adoption, "adoption");
        Objects.requireNonNull(timers, "timers");
    }
}
