package io.ipseckeyagent.adapters.observability;

import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** {@code ipsec_key_agent_build_info}: always 1, the labels say which build and which Java run it. */
final class BuildInfo {
    private BuildInfo() {}

    /** The jar's {@code Implementation-Version}; "dev" outside the shaded jar. */
    static String version() {
        String version = BuildInfo.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    static void register(PrometheusRegistry registry) {
        Info.builder().name(EventMetrics.PREFIX + "build_info")
                .help("The agent's version and the Java runtime it runs on; always 1")
                .labelNames("version", "java_version", "java_vendor")
                .register(registry)
                .addLabelValues(version(), System.getProperty("java.runtime.version", "unknown"),
                        System.getProperty("java.vendor", "unknown"));
    }
}
