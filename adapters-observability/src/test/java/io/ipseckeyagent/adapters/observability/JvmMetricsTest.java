package io.ipseckeyagent.adapters.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import org.junit.jupiter.api.Test;

class JvmMetricsTest {
    private static java.util.List<String> names(ObservabilityAdapters observability) {
        return observability.registry().scrape().stream().map(m -> m.getMetadata().getPrometheusName()).toList();
    }

    @Test
    void theAgentsProcessAddsTheClientsJvmAndProcessMetrics() {
        assertThat(names(ObservabilityAdapters.create().withJvmMetrics()))
                .contains("ipsec_key_agent_build", "jvm_memory_used_bytes", "jvm_threads_current", "jvm_gc_collection_seconds",
                        "process_cpu_seconds", "process_resident_memory_bytes");
    }

    @Test
    void withoutThemOnlyTheAgentsOwnMetricsAreExposed() {
        assertThat(names(ObservabilityAdapters.create())).allMatch(name -> name.startsWith(EventMetrics.PREFIX));
    }

    @Test
    void buildInfoIsOneWithVersionAndJava() {
        MetricSnapshot info = ObservabilityAdapters.create().registry().scrape().stream()
                .filter(m -> m.getMetadata().getPrometheusName().equals("ipsec_key_agent_build")).findFirst().orElseThrow();

        assertThat(info.getDataPoints()).singleElement().satisfies(point -> assertThat(point.getLabels().get("version")).isEqualTo("dev"))
                .satisfies(point -> assertThat(point.getLabels().get("java_version")).isEqualTo(System.getProperty("java.runtime.version")));
    }
}
