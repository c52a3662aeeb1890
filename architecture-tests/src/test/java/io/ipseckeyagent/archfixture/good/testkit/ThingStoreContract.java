package io.ipseckeyagent.archfixture.good.testkit;

import io.ipseckeyagent.archfixture.good.application.port.out.ThingStorePort;
import org.junit.jupiter.api.Assertions;

/** Keeps the rules: the test kit is where test libraries belong in main code. */
public abstract class ThingStoreContract {
    protected abstract ThingStorePort store();

    public void storesSomething() {
        Assertions.assertNotNull(store());
    }
}
