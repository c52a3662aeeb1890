package io.ipseckeyagent.archfixture.good.application.port.out;

import io.ipseckeyagent.archfixture.good.domain.Thing;

public interface ThingStorePort {
    StoreOutcome store(Thing thing);

    /** A nested type belongs to its port and needs no suffix. */
    interface Receipt {
        String id();
    }
}
