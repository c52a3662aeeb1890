package io.ipseckeyagent.plugin;

/**
 * What every plugin is: a name its flag picks it by, and the plugin API it was built against.
 * The agent refuses to start with a plugin whose {@link #apiVersion()} is not its own
 * {@link #API_VERSION}, naming the plugin.
 */
public interface AgentPlugin {
    /**
     * This plugin API's version, raised whenever a change would break a plugin built against the
     * previous one. Version 1 had no version; version 2 brought typed settings, randomness,
     * shared services and the isolated class loader.
     */
    int API_VERSION = 2;

    /** The name the plugin's flag ({@code --key-source}, {@code --publisher}, {@code --datapath}) picks it by. */
    String name();

    /**
     * The plugin API this plugin was built against: implement it as {@code return API_VERSION;}
     * (javac copies the constant into the plugin's class, so it records the version compiled against).
     */
    int apiVersion();
}
