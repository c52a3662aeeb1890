package io.ipseckeyagent.archfixture.good.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.ipseckeyagent.archfixture.good.adapters.fs.FsAdapters;
import io.ipseckeyagent.archfixture.good.adapters.fs.FsSettings;
import io.ipseckeyagent.archfixture.good.application.port.in.RecordThingUseCase;
import io.ipseckeyagent.archfixture.good.application.port.out.ThingStorePort;
import io.ipseckeyagent.archfixture.good.application.service.RecordThingService;

/** Guice and the standard streams are allowed in bootstrap. */
public final class GoodModule extends AbstractModule {
    @Provides
    ThingStorePort thingStore() {
        return FsAdapters.thingStore(new FsSettings("/tmp"));
    }

    @Provides
    RecordThingUseCase recordThing(ThingStorePort store) {
        return new RecordThingService(store);
    }

    public static void main(String[] args) {
        System.out.println("good");
    }
}
