package io.ipseckeyagent.archfixture.good.adapters.fs;

import io.ipseckeyagent.archfixture.good.application.port.out.ThingStorePort;
import io.ipseckeyagent.archfixture.good.plugin.ThingStorePlugin;

/** A ServiceLoader provider: public by necessity, allowed because it implements the plugin API. */
public final class FsThingStorePlugin implements ThingStorePlugin {
    @Override
    public String name() {
        return "fs";
    }

    @Override
    public ThingStorePort thingStore() {
        return FsAdapters.thingStore(new FsSettings("/tmp"));
    }
}
