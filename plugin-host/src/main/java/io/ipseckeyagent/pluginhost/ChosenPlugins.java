package io.ipseckeyagent.pluginhost;

import io.ipseckeyagent.application.port.out.DatapathPort;
import io.ipseckeyagent.application.port.out.KeyFileSourcePort;
import io.ipseckeyagent.application.port.out.NodeKeyPublisherPort;
import io.ipseckeyagent.plugin.DatapathPlugin;
import io.ipseckeyagent.plugin.KeySourcePlugin;
import io.ipseckeyagent.plugin.PluginContext;
import io.ipseckeyagent.plugin.PublisherPlugin;
import io.vavr.control.Either;

/**
 * The plugins {@code --key-source}, {@code --publisher} and {@code --datapath} picked, and the
 * adapters they make: a plugin that throws or returns null is a problem naming it and its reason.
 */
public record ChosenPlugins(KeySourcePlugin keySource, PublisherPlugin publisher, DatapathPlugin datapath) {
    public Either<String, KeyFileSourcePort> keySourceAdapter(PluginContext context) {
        return PluginCatalog.adapter("key source", keySource, () -> keySource.keySource(context));
    }

    public Either<String, NodeKeyPublisherPort> publisherAdapter(PluginContext context) {
        return PluginCatalog.adapter("publisher", publisher, () -> publisher.publisher(context));
    }

    public Either<String, DatapathPort> datapathAdapter(PluginContext context) {
        return PluginCatalog.adapter("datapath", datapath, () -> datapath.datapath(context));
    }
}
