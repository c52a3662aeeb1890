package io.ipseckeyagent.archfixture.good.adapters.k8s;

import io.ipseckeyagent.archfixture.good.application.port.out.ThingStorePort;

public final class K8sAdapters {
    private K8sAdapters() {}

    public static ThingStorePort thingStore() {
        return new ClusterThingStore();
    }
}
