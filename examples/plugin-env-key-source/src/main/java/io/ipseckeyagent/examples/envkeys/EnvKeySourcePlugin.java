package io.ipseckeyagent.examples.envkeys;

import io.ipseckeyagent.application.port.out.KeyFileSourcePort;
import io.ipseckeyagent.plugin.KeySourcePlugin;
import io.ipseckeyagent.plugin.PluginContext;

/**
 * {@code --key-source=env}: the keys come from the variable {@value EnvironmentKeys#VARIABLE}. A
 * process's environment never changes, so there is nothing to watch: the keys are read at start.
 */
public final class EnvKeySourcePlugin implements KeySourcePlugin {
    public static final String NAME = "env";

    @Override
    public String name() {
        return NAME;
    }

    /** The plugin API this jar is built against; the agent refuses another, naming the plugin. */
    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    @Override
    public KeyFileSourcePort keySource(PluginContext context) {
        return EnvironmentKeys.keyFileSource(EnvironmentKeys.VARIABLE, System::getenv);
    }
}
