package io.ipseckeyagent.plugin;

import io.ipseckeyagent.domain.key.NodeName;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The agent's resolved settings a plugin may use, typed (flags, environment and config file already
 * merged and checked). Settings only a plugin knows are read by name with
 * {@link PluginContext#setting(String)}.
 *
 * @param ipsecKeyFile {@code --ipsec-key-file}
 * @param keyFilePollInterval {@code --key-file-poll-interval}
 * @param stateFile {@code --state-file}
 * @param kubeconfig {@code --kubeconfig}; none: the in-cluster or default configuration
 * @param createCiliumNode {@code --create-cilium-node}
 */
public record PluginSettings(NodeName nodeName, String clusterName, Path ipsecKeyFile, Duration keyFilePollInterval,
        Path stateFile, Option<Path> kubeconfig, boolean createCiliumNode) {
    public PluginSettings {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(ipsecKeyFile, "ipsecKeyFile");
        Objects.requireNonNull(keyFilePollInterval, "keyFilePollInterval");
        Objects.requireNonNull(stateFile, "stateFile");
        Objects.requireNonNull(kubeconfig, "kubeconfig");
    }
}
