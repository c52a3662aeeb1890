package io.ipseckeyagent.bootstrap.config;

/** How log lines are written: {@code text} for people, {@code json} for log pipelines. */
public enum LogFormat implements ConfigChoice {
    TEXT("text"),
    JSON("json");

    private final String configName;

    LogFormat(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
