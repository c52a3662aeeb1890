package io.ipseckeyagent.archfixture.thirdparty.good;

import io.ipseckeyagent.archfixture.good.application.port.out.StoreOutcome;
import io.ipseckeyagent.archfixture.good.application.port.out.ThingStorePort;
import io.ipseckeyagent.archfixture.good.domain.Thing;

/** A third-party adapter that uses only the agent's ports and domain. */
public final class EnvThingStore implements ThingStorePort {
    @Override
    public StoreOutcome store(Thing thing) {
        return System.getenv(thing.name()) == null ? new StoreOutcome.Refused("unset") : new StoreOutcome.Stored();
    }
}
