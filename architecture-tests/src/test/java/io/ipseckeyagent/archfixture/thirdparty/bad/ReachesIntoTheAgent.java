package io.ipseckeyagent.archfixture.thirdparty.bad;

import io.ipseckeyagent.archfixture.good.adapters.fs.FsAdapters;
import io.ipseckeyagent.archfixture.good.adapters.fs.FsSettings;
import io.ipseckeyagent.archfixture.good.application.port.out.StoreOutcome;
import io.ipseckeyagent.archfixture.good.application.port.out.ThingStorePort;
import io.ipseckeyagent.archfixture.good.domain.Thing;
import io.vavr.control.Option;
import jakarta.inject.Inject;

/** Breaks every plugin rule: uses the agent's adapter, injection, get() and stdout. */
public final class ReachesIntoTheAgent implements ThingStorePort {
    private final ThingStorePort delegate;

    @Inject
    public ReachesIntoTheAgent() {
        this.delegate = FsAdapters.thingStore(new FsSettings(Option.of("/tmp").get()));
    }

    @Override
    public StoreOutcome store(Thing thing) {
        System.err.println("storing");
        return delegate.store(thing);
    }
}
