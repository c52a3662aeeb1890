package io.ipseckeyagent.bootstrap.config;

/** The jitter policy chosen by {@code --ipsec-jitter-policy}; the domain's {@code JitterPolicy} implements each. */
public enum JitterPolicyName implements ConfigChoice {
    /** A uniformly random delay in [0, max]. */
    UNIFORM("uniform"),
    /** A stable hash of (node name, new SPI) mapped onto [0, max). */
    NODE_HASH("node-hash"),
    /** This node's slot among the sorted node names. */
    RANK("rank");

    private final String configName;

    JitterPolicyName(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
