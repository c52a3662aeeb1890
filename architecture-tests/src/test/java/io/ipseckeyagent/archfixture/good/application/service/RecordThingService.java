package io.ipseckeyagent.archfixture.good.application.service;

import io.ipseckeyagent.archfixture.good.application.port.in.RecordThingUseCase;
import io.ipseckeyagent.archfixture.good.application.port.out.StoreOutcome;
import io.ipseckeyagent.archfixture.good.application.port.out.ThingStorePort;
import io.ipseckeyagent.archfixture.good.domain.Thing;
import java.util.concurrent.atomic.AtomicInteger;

public final class RecordThingService implements RecordThingUseCase {
    private final ThingStorePort store;
    private final AtomicInteger refused = new AtomicInteger();

    public RecordThingService(ThingStorePort store) {
        this.store = store;
    }

    @Override
    public void record(Thing thing) {
        if (store.store(thing) instanceof StoreOutcome.Refused) {
            refused.incrementAndGet();
        }
    }
}
