package io.ipseckeyagent.archfixture.good.plugin;

import io.ipseckeyagent.archfixture.good.application.port.out.ThingStorePort;

/** The plugin API: only ports and domain values in its signatures. */
public interface ThingStorePlugin {
    String name();

    ThingStorePort thingStore();
}
