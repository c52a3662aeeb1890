package io.ipseckeyagent.archfixture.good.adapters.k8s;

import io.ipseckeyagent.archfixture.good.application.port.out.StoreOutcome;
import io.ipseckeyagent.archfixture.good.application.port.out.ThingStorePort;
import io.ipseckeyagent.archfixture.good.domain.Thing;

final class ClusterThingStore implements ThingStorePort {
    @Override
    public StoreOutcome store(Thing thing) {
        return new StoreOutcome.Stored();
    }
}
