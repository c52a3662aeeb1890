package io.ipseckeyagent.bootstrap.plugins;

import io.ipseckeyagent.adapters.fs.FileSystemAdapters;
import io.ipseckeyagent.application.port.out.DatapathPort;
import io.ipseckeyagent.plugin.DatapathPlugin;
import io.ipseckeyagent.plugin.PluginContext;

/**
 * {@code --datapath=state-file} (the default): records the applied keys in {@code --state-file}, no
 * key material. In relay mode it also writes them to {@code --relay-key-file} for cilium-agent.
 */
public final class StateFileDatapathPlugin implements DatapathPlugin {
    public static final String NAME = "state-file";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    @Override
    public DatapathPort datapath(PluginContext context) {
        return context.shared(RelayLink.class)
                .map(relay -> FileSystemAdapters.relayDatapath(relay.relayKeyFile(), context.settings().stateFile()))
                .getOrElse(() -> FileSystemAdapters.stateFileDatapath(context.settings().stateFile()));
    }
}
