package io.ipseckeyagent.archfixture.bad.pluginhost;

import io.ipseckeyagent.archfixture.bad.bootstrap.Wiring;

/** Breaks: the plugin host reaches into the agent's wiring, so a plugin would be loaded differently from a built-in. */
public final class ReadsTheWiring {
    public String wiredBy(Wiring wiring) {
        return wiring.toString();
    }
}
