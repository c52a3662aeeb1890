package io.ipseckeyagent.adapters.fs;

import io.ipseckeyagent.application.port.out.DatapathPort;
import io.ipseckeyagent.plugin.DatapathPlugin;
import io.ipseckeyagent.plugin.PluginContext;
import io.ipseckeyagent.plugin.RelayLink;

/**
 * {@code --datapath=state-file} (the default): records the applied keys in {@code --state-file}, no
 * key material. In relay mode it also writes them to {@code --relay-key-file} for cilium-agent.
 */
public record StateFileDatapathPlugin(String name, int apiVersion) implements DatapathPlugin {
    public static final String NAME = "state-file";

    /** What {@code ServiceLoader} calls; javac copies {@code API_VERSION} into this class. */
    public StateFileDatapathPlugin() {
        this(NAME, API_VERSION);
    }

    @Override
    public DatapathPort datapath(PluginContext context) {
        return context.shared(RelayLink.class)
                .map(relay -> FileSystemAdapters.relayDatapath(relay.relayKeyFile(), context.settings().stateFile()))
                .getOrElse(() -> FileSystemAdapters.stateFileDatapath(context.settings().stateFile()));
    }
}
