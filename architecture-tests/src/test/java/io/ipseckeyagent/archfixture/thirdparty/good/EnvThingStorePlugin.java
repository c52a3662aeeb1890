package io.ipseckeyagent.archfixture.thirdparty.good;

import io.ipseckeyagent.archfixture.good.application.port.out.ThingStorePort;
import io.ipseckeyagent.archfixture.good.plugin.ThingStorePlugin;

/** A third party may implement the agent's plugin API. */
public final class EnvThingStorePlugin implements ThingStorePlugin {
    @Override
    public String name() {
        return "env";
    }

    @Override
    public ThingStorePort thingStore() {
        return new EnvThingStore();
    }
}
