package io.ipseckeyagent.bootstrap.config;

/** The least severe log level written. */
public enum LogLevel implements ConfigChoice {
    DEBUG("debug"),
    INFO("info"),
    WARN("warn"),
    ERROR("error");

    private final String configName;

    LogLevel(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
