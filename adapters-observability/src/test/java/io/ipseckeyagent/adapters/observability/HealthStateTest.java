package io.ipseckeyagent.adapters.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.application.port.out.PublishOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthStateTest {
    private final HealthState health = new HealthState();

    /** Past start: the key file has been read once and the API server has answered. */
    @BeforeEach
    void started() {
        health.emit(SampleEvents.loaded());
        health.emit(new AgentEvent.ClusterViewSynced(SampleEvents.T0, 3));
    }

    @Test
    void startingUntilTheApiServerFirstAnswersThenAFailingListOrWatchIsDegraded() {
        HealthState health = new HealthState();
        health.emit(SampleEvents.loaded());
        assertThat(health.status().reasons()).containsExactly("starting: no answer from the API server yet");

        health.emit(new AgentEvent.ClusterViewFailing(SampleEvents.T0, "HTTP 503"));
        assertThat(health.status().reasons()).containsExactly("degraded: failed to list or watch CiliumNodes: HTTP 503");

        health.emit(new AgentEvent.ClusterViewSynced(SampleEvents.T0, 3));
        assertThat(health.status().healthy()).isTrue();
    }

    @Test
    void aStaleClusterViewIsDegradedUntilTheWatchIsInSyncAgain() {
        health.emit(new AgentEvent.ClusterViewStale(SampleEvents.T0, SampleEvents.T0.minusSeconds(150), java.time.Duration.ofMinutes(2)));
        assertThat(health.status().reasons()).containsExactly("degraded: cluster view stale: no successful list or watch"
                + " of CiliumNodes since " + SampleEvents.T0.minusSeconds(150) + " (bound 2m0s)");

        health.emit(new AgentEvent.ClusterViewSynced(SampleEvents.T0, 3));
        assertThat(health.status().healthy()).isTrue();
    }

    @Test
    void notReadyUntilTheKeyFileHasBeenRead() {
        HealthState health = new HealthState();
        assertThat(health.status().reasons()).containsExactly("starting: the key file has not been read yet",
                "starting: no answer from the API server yet");
        health.emit(new AgentEvent.ClusterViewSynced(SampleEvents.T0, 3));

        health.emit(SampleEvents.detected());
        assertThat(health.status().healthy()).isFalse();

        health.emit(SampleEvents.rejected());
        assertThat(health.status().reasons()).hasSize(1).first().asString().startsWith("Failed to load IPsec keyfile");
    }

    @Test
    void healthyUntilSomethingFails() {
        health.emit(SampleEvents.detected());
        health.emit(SampleEvents.jitter());
        health.emit(SampleEvents.loaded());

        assertThat(health.status().healthy()).isTrue();
        assertThat(health.status().toJson()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void anInvalidKeyFileIsUnhealthyUntilItLoadsAgain() {
        health.emit(SampleEvents.rejected());

        assertThat(health.status().reasons()).containsExactly("Failed to load IPsec keyfile: /etc/ipsec/keys:2:"
                + " SPI must be a decimal number from 1 to 15, was 16 (and 1 more)");

        health.emit(SampleEvents.loaded());

        assertThat(health.status().healthy()).isTrue();
    }

    @Test
    void aFileMatchingTheAppliedKeyAlsoClearsIt() {
        health.emit(SampleEvents.rejected());
        health.emit(SampleEvents.unchanged());

        assertThat(health.status().healthy()).isTrue();
    }

    @Test
    void publishingIsFailingFromTheFirstFailedAttemptUntilOneSucceeds() {
        health.emit(SampleEvents.conflict());

        assertThat(health.status().reasons()).containsExactly(
                "Failed to update CiliumNode node-7 with SPI 4 (attempt 1): conflict: resourceVersion changed");

        health.emit(SampleEvents.publishFailed(new PublishOutcome.Forbidden("cannot patch ciliumnodes"), 2));

        assertThat(health.status().reasons()).containsExactly(
                "Failed to update CiliumNode node-7 with SPI 4 (attempt 2): forbidden: cannot patch ciliumnodes");

        health.emit(SampleEvents.published());

        assertThat(health.status().healthy()).isTrue();
    }

    @Test
    void aFailedLookupOfThePublishedKeyIsUnhealthyUntilAPublishSucceeds() {
        health.emit(SampleEvents.lookupFailed());

        assertThat(health.status().reasons()).containsExactly(
                "Failed to get CiliumNode node-7 to learn its published IPsec key: failed: connect timed out");

        health.emit(SampleEvents.jitter());
        health.emit(SampleEvents.conflict());

        assertThat(health.status().reasons()).hasSize(2).first().asString().startsWith("Failed to get CiliumNode node-7");

        health.emit(SampleEvents.published());

        assertThat(health.status().healthy()).isTrue();
    }

    @Test
    void relayModeOverdueAdoptionIsUnhealthyUntilCiliumAdoptsTheKey() {
        health.emit(SampleEvents.applied());
        health.emit(SampleEvents.overdue());

        assertThat(health.status().reasons())
                .containsExactly("IPsec key SPI 4 not adopted by its deadline 2026-11-24T10:05:00.123Z");

        health.emit(SampleEvents.adopted());

        assertThat(health.status().healthy()).isTrue();
    }

    @Test
    void overdueAdoptionIsUnhealthyUntilTheKeyIsPublished() {
        health.emit(SampleEvents.overdue());
        health.emit(SampleEvents.applied());

        assertThat(health.status().reasons())
                .containsExactly("IPsec key SPI 4 not adopted by its deadline 2026-11-24T10:05:00.123Z");

        health.emit(SampleEvents.published());

        assertThat(health.status().healthy()).isTrue();
    }

    @Test
    void aFailedApplyIsUnhealthyUntilKeysApply() {
        health.emit(SampleEvents.applyFailed());

        assertThat(health.status().reasons()).containsExactly("Failed to apply IPsec key SPI 4: state file not writable");

        health.emit(SampleEvents.applied());

        assertThat(health.status().healthy()).isTrue();
    }

    @Test
    void everyFailingConditionIsListedInAFixedOrder() {
        health.emit(SampleEvents.overdue());
        health.emit(SampleEvents.conflict());
        health.emit(SampleEvents.rejected());

        assertThat(health.status().reasons()).hasSize(3);
        assertThat(health.status().reasons().get(0)).startsWith("Failed to load IPsec keyfile");
        assertThat(health.status().reasons().get(1)).startsWith("Failed to update CiliumNode");
        assertThat(health.status().reasons().get(2)).startsWith("IPsec key SPI 4 not adopted");
        assertThat(CapturedLog.parse(health.status().toJson()))
                .containsEntry("status", "unhealthy")
                .containsEntry("reasons", health.status().reasons().toJavaList());
    }

    @Test
    void reasonsAreEscapedInJson() {
        health.emit(SampleEvents.publishFailed(new PublishOutcome.Failed("HTTP 500: \"etcd\"\nleader lost"), 1));

        assertThat(CapturedLog.parse(health.status().toJson()))
                .containsEntry("reasons", java.util.List.of(
                        "Failed to update CiliumNode node-7 with SPI 4 (attempt 1): failed: HTTP 500: \"etcd\"\nleader lost"));
    }
}
