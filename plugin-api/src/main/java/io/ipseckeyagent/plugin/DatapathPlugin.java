package io.ipseckeyagent.plugin;

import io.ipseckeyagent.application.port.out.DatapathPort;

/** What applies keys locally (the built-in one, {@code state-file}, records them for a co-located datapath). */
public interface DatapathPlugin extends AgentPlugin {
    DatapathPort datapath(PluginContext context);
}
