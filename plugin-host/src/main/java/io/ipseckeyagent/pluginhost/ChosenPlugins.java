package io.ipseckeyagent.pluginhost;

import io.ipseckeyagent.plugin.DatapathPlugin;
import io.ipseckeyagent.plugin.KeySourcePlugin;
import io.ipseckeyagent.plugin.PublisherPlugin;

/** The plugins {@code --key-source}, {@code --publisher} and {@code --datapath} picked. */
public record ChosenPlugins(KeySourcePlugin keySource, PublisherPlugin publisher, DatapathPlugin datapath) {}
