package io.ipseckeyagent.adapters.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.domain.jitter.JitterBound;
import io.ipseckeyagent.application.port.out.PublishOutcome;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventMetricsTest {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final EventMetrics metrics = new EventMetrics(registry);

    private String scrape() {
        return PrometheusTextFormatWriter.create().toDebugString(registry.scrape());
    }

    @Test
    void beforeAnyEventEveryMetricIsExposedAtZero() {
        assertThat(scrape()).contains(
                "ipsec_key_agent_active_spi 0.0\n",
                "ipsec_key_agent_key_file_changes_total 0.0\n",
                "ipsec_key_agent_keys_applied_total 0.0\n",
                "ipsec_key_agent_keys_published_total 0.0\n",
                "ipsec_key_agent_publish_attempts_total{outcome=\"forbidden\"} 0.0\n",
                "ipsec_key_agent_key_load_failures_total 0.0\n",
                "ipsec_key_agent_remote_node_updates_total 0.0\n",
                "ipsec_key_agent_adoption_overdue_total 0.0\n");
    }

    @Test
    void relayAdoptionsAreCountedAndOverdueIsAGaugeThatClears() {
        assertThat(scrape()).contains("ipsec_key_agent_relay_adoptions_total 0.0\n", "ipsec_key_agent_relay_adoption_overdue 0.0\n");

        metrics.emit(SampleEvents.overdue());
        assertThat(scrape()).contains("ipsec_key_agent_relay_adoption_overdue 1.0\n", "ipsec_key_agent_adoption_overdue_total 1.0\n");

        metrics.emit(SampleEvents.adopted());
        assertThat(scrape()).contains(
                "ipsec_key_agent_relay_adoptions_total 1.0\n",
                "ipsec_key_agent_relay_adoption_overdue 0.0\n",
                "ipsec_key_agent_detection_to_publish_seconds_sum 43.5\n");
    }

    @Test
    void aRotationWithOneRetryIsCountedAndTimed() {
        metrics.emit(SampleEvents.detected());
        metrics.emit(SampleEvents.jitter());
        metrics.emit(SampleEvents.loaded());
        metrics.emit(SampleEvents.applied());
        metrics.emit(SampleEvents.conflict());
        metrics.emit(SampleEvents.publishFailed(new PublishOutcome.RetryAfter(Duration.ofSeconds(5), "429"), 2));
        metrics.emit(SampleEvents.published());
        metrics.emit(SampleEvents.remoteUpdated());
        metrics.emit(SampleEvents.remoteUpdated());

        assertThat(scrape()).contains(
                "ipsec_key_agent_active_spi 4.0\n",
                "ipsec_key_agent_key_file_changes_total 1.0\n",
                "ipsec_key_agent_keys_applied_total 1.0\n",
                "ipsec_key_agent_keys_published_total 1.0\n",
                "ipsec_key_agent_publish_attempts_total{outcome=\"conflict\"} 1.0\n",
                "ipsec_key_agent_publish_attempts_total{outcome=\"retry_after\"} 1.0\n",
                "ipsec_key_agent_publish_attempts_total{outcome=\"published\"} 1.0\n",
                "ipsec_key_agent_publish_attempts_total{outcome=\"failed\"} 0.0\n",
                "ipsec_key_agent_remote_node_updates_total 2.0\n",
                // 37.412 s: above the 30 s bucket, inside the 45 s one
                "ipsec_key_agent_jitter_delay_seconds_bucket{le=\"30.0\"} 0\n",
                "ipsec_key_agent_jitter_delay_seconds_bucket{le=\"45.0\"} 1\n",
                "ipsec_key_agent_jitter_delay_seconds_count 1\n",
                "ipsec_key_agent_jitter_delay_seconds_sum 37.412\n",
                "ipsec_key_agent_detection_to_publish_seconds_bucket{le=\"60.0\"} 1\n",
                "ipsec_key_agent_detection_to_publish_seconds_sum 37.9\n");
    }

    @Test
    void failuresAndOtherOutcomesAreCounted() {
        metrics.emit(SampleEvents.rejected());
        metrics.emit(SampleEvents.rejected());
        metrics.emit(SampleEvents.unchanged());
        metrics.emit(SampleEvents.applyFailed());
        metrics.emit(SampleEvents.overdue());
        metrics.emit(SampleEvents.cancelled());
        metrics.emit(SampleEvents.publishFailed(new PublishOutcome.NotFound("ciliumnodes node-7 not found"), 1));
        metrics.emit(SampleEvents.publishFailed(new PublishOutcome.Forbidden("cannot patch"), 2));
        metrics.emit(SampleEvents.publishFailed(new PublishOutcome.Failed("503"), 3));

        assertThat(scrape()).contains(
                "ipsec_key_agent_key_load_failures_total 2.0\n",
                "ipsec_key_agent_keys_unchanged_total 1.0\n",
                "ipsec_key_agent_apply_failures_total 1.0\n",
                "ipsec_key_agent_rotations_cancelled_total 1.0\n",
                "ipsec_key_agent_keys_applied_total 0.0\n",
                "ipsec_key_agent_keys_published_total 0.0\n",
                "ipsec_key_agent_adoption_overdue_total 1.0\n",
                "ipsec_key_agent_publish_attempts_total{outcome=\"not_found\"} 1.0\n",
                "ipsec_key_agent_publish_attempts_total{outcome=\"forbidden\"} 1.0\n",
                "ipsec_key_agent_publish_attempts_total{outcome=\"failed\"} 1.0\n",
                "ipsec_key_agent_active_spi 4.0\n");
    }

    @Test
    void eachThingIsCountedOnceInItsOwnCounterSoNoCounterSumsTwoStagesOfOneRotation() {
        metrics.emit(SampleEvents.applied());
        metrics.emit(SampleEvents.published());

        assertThat(scrape()).doesNotContain("ipsec_key_agent_rotations_total")
                .contains("ipsec_key_agent_keys_applied_total 1.0\n", "ipsec_key_agent_keys_published_total 1.0\n");
    }

    @Test
    void failedLookupsOfThePublishedKeyAreCountedByOutcome() {
        assertThat(scrape()).contains("ipsec_key_agent_key_lookup_failures_total{outcome=\"forbidden\"} 0.0\n")
                .doesNotContain("ipsec_key_agent_key_lookup_failures_total{outcome=\"published\"}");

        metrics.emit(SampleEvents.lookupFailed());
        metrics.emit(new AgentEvent.PublishedKeyLookupFailed(SampleEvents.T0, SampleEvents.NODE,
                new PublishOutcome.Forbidden("cannot get ciliumnodes")));

        assertThat(scrape()).contains(
                "ipsec_key_agent_key_lookup_failures_total{outcome=\"failed\"} 1.0\n",
                "ipsec_key_agent_key_lookup_failures_total{outcome=\"forbidden\"} 1.0\n",
                "ipsec_key_agent_key_lookup_failures_total{outcome=\"not_found\"} 0.0\n");
    }

    @Test
    void aZeroJitterLandsInTheZeroBucket() {
        metrics.emit(new AgentEvent.JitterChosen(SampleEvents.T0, "uniform", Duration.ZERO, Duration.ZERO,
                SampleEvents.T0, SampleEvents.T0.plusSeconds(300),
                new JitterBound("auto", Duration.ZERO, 0, 20, Duration.ZERO, Duration.ofSeconds(95))));

        assertThat(scrape()).contains("ipsec_key_agent_jitter_delay_seconds_bucket{le=\"0.0\"} 1\n",
                "ipsec_key_agent_jitter_max_seconds 0.0\n");
    }

    @Test
    void theLastDrawsBoundIsAGauge() {
        metrics.emit(SampleEvents.jitterShortOfWindow());

        assertThat(scrape()).contains("ipsec_key_agent_jitter_max_seconds 205.0\n");
    }

    @Test
    void twoAgentsInOneJvmHaveSeparateRegistries() {
        PrometheusRegistry other = new PrometheusRegistry();
        new EventMetrics(other).emit(SampleEvents.applied());

        assertThat(scrape()).contains("ipsec_key_agent_active_spi 0.0\n");
    }
}
