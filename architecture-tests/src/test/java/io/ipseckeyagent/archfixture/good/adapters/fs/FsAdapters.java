package io.ipseckeyagent.archfixture.good.adapters.fs;

import io.ipseckeyagent.archfixture.good.application.port.out.ThingStorePort;

/** The adapter's one public entry. */
public final class FsAdapters {
    private FsAdapters() {}

    public static ThingStorePort thingStore(FsSettings settings) {
        return new FileThingStore(settings);
    }
}
