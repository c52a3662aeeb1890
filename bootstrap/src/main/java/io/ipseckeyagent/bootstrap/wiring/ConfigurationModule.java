package io.ipseckeyagent.bootstrap.wiring;

import com.google.inject.AbstractModule;
import io.ipseckeyagent.bootstrap.config.RunConfiguration;
import java.util.Objects;

/** The validated configuration of {@code run}, as resolved from flags, environment and file. */
public final class ConfigurationModule extends AbstractModule {
    private final RunConfiguration configuration;

    public ConfigurationModule(RunConfiguration configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    @Override
    protected void configure() {
        bind(RunConfiguration.class).toInstance(configuration);
    }
}
