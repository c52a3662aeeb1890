package io.ipseckeyagent.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.ipseckeyagent.application.port.out.DatapathPort;
import io.ipseckeyagent.application.port.out.KeyFileSourcePort;
import io.ipseckeyagent.application.port.out.NodeKeyPublisherPort;
import io.ipseckeyagent.bootstrap.config.RunConfiguration;
import io.ipseckeyagent.pluginhost.AgentPluginContext;
import io.ipseckeyagent.bootstrap.config.RunOptions;
import io.ipseckeyagent.pluginhost.ChosenPlugins;
import io.ipseckeyagent.pluginhost.PluginCatalog;
import io.ipseckeyagent.pluginhost.PluginJars;

/**
 * The key source, the publisher and the datapath: each comes from the plugin its flag names
 * ({@code --key-source}, {@code --publisher}, {@code --datapath}), found on the class path or in
 * {@code --plugin-dir}. By default the built-ins: {@code file}, {@code cilium-node}, {@code state-file}
 * (which relay in relay mode). The plugins' context comes with the mode, from {@link KubernetesAdaptersModule}.
 * A plugin that fails to make its adapter stops the start with its name and its reason, not a stack of Guice frames.
 */
public final class PluginAdaptersModule extends AbstractModule {

    /** A missing plugin directory, a plugin that fails to load, is built for another plugin API or takes a name twice is a configuration error. */
    @Provides
    @Singleton
    PluginCatalog catalog(RunConfiguration configuration) {
        return PluginJars.classLoaders(configuration.choice().pluginDir(), PluginAdaptersModule.class.getClassLoader())
                .mapLeft(problem -> StartupFailure.invalidConfiguration(RunOptions.PLUGIN_DIR.flag() + " " + problem))
                .flatMap(loaders -> PluginCatalog.discover(loaders, RunOptions.KEY_SOURCE.flag(), RunOptions.PUBLISHER.flag(),
                        RunOptions.DATAPATH.flag()).toEither().mapLeft(StartupFailure::invalidConfiguration))
                .getOrElseThrow(failure -> failure);
    }

    /** An unknown name is a configuration error listing the names available. */
    @Provides
    @Singleton
    ChosenPlugins chosen(PluginCatalog catalog, RunConfiguration configuration) {
        return catalog.choose(configuration.choice().keySource(), configuration.choice().publisher(), configuration.choice().datapath())
                .toEither().getOrElseThrow(StartupFailure::invalidConfiguration);
    }

    @Provides
    @Singleton
    KeyFileSourcePort keyFileSource(ChosenPlugins plugins, AgentPluginContext context) {
        return plugins.keySourceAdapter(context).getOrElseThrow(StartupFailure::cannotStart);
    }

    @Provides
    @Singleton
    NodeKeyPublisherPort publisher(ChosenPlugins plugins, AgentPluginContext context) {
        return plugins.publisherAdapter(context).getOrElseThrow(StartupFailure::cannotStart);
    }

    @Provides
    @Singleton
    DatapathPort datapath(ChosenPlugins plugins, AgentPluginContext context) {
        return plugins.datapathAdapter(context).getOrElseThrow(StartupFailure::cannotStart);
    }
}
