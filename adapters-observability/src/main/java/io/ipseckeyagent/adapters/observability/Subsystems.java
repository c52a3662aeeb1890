package io.ipseckeyagent.adapters.observability;

import io.vavr.collection.List;
import io.vavr.Tuple;
import io.vavr.Tuple2;

/**
 * The {@code subsys} field of a log line, as Cilium names its subsystems ({@code subsys=daemon},
 * {@code subsys=ipsec}), instead of the Java class that logged: found once per logger, by the
 * longest matching package prefix.
 */
final class Subsystems {
    private static final List<Tuple2<String, String>> BY_PREFIX = List.of(
            Tuple.of(ObservabilityAdapters.EVENTS_LOGGER, "ipsec"),
            Tuple.of("io.ipseckeyagent.bootstrap", "daemon"),
            Tuple.of("io.ipseckeyagent.adapters.fs", "keyfile"),
            Tuple.of("io.ipseckeyagent.adapters.k8s", "k8s"),
            Tuple.of("io.ipseckeyagent.adapters.runtime", "runtime"),
            Tuple.of("io.ipseckeyagent.adapters.observability", "metrics"),
            Tuple.of("io.ipseckeyagent.simulator", "simulator"),
            Tuple.of("io.fabric8", "k8s-client"),
            Tuple.of("io.vertx", "k8s-client"),
            Tuple.of("io.netty", "k8s-client"));

    private Subsystems() {}

    static String of(String loggerName) {
        return BY_PREFIX.filter(entry -> loggerName.equals(entry._1) || loggerName.startsWith(entry._1 + "."))
                .maxBy(entry -> entry._1.length())
                .map(Tuple2::_2)
                .getOrElse(() -> fallback(loggerName));
    }

    /** Other agent packages by their last segment, libraries by their vendor: {@code com.google.inject} is {@code google}. */
    private static String fallback(String loggerName) {
        String[] parts = loggerName.split("\\.");
        if (loggerName.startsWith(LineLoggerFactory.AGENT_LOGGER_PREFIX + ".") && parts.length > 2) {
            return parts[2];
        }
        return parts.length > 1 ? parts[1] : loggerName;
    }
}
