package io.ipseckeyagent.archfixture.good.pluginhost;

import io.ipseckeyagent.archfixture.good.plugin.ThingStorePlugin;
import java.util.ServiceLoader;

/** Keeps the rule: finds plugins through the plugin API and the JDK alone. */
public final class ThingStoreFinder {
    private ThingStoreFinder() {}

    public static long count(ClassLoader loader) {
        return ServiceLoader.load(ThingStorePlugin.class, loader).stream().count();
    }
}
