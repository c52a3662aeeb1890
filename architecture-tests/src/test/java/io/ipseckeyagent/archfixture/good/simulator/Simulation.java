package io.ipseckeyagent.archfixture.good.simulator;

import io.ipseckeyagent.archfixture.good.adapters.fs.FsAdapters;
import io.ipseckeyagent.archfixture.good.adapters.fs.FsSettings;
import io.ipseckeyagent.archfixture.good.application.port.out.ThingStorePort;

/** Keeps the rules: the simulator composes adapters through their entries, without bootstrap. */
public final class Simulation {
    private Simulation() {}

    public static ThingStorePort store(FsSettings settings) {
        return FsAdapters.thingStore(settings);
    }
}
