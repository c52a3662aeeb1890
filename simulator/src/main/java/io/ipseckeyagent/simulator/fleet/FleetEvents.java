package io.ipseckeyagent.simulator.fleet;

import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.application.port.out.AgentEventsPort;
import java.time.Duration;
import java.time.Instant;

/**
 * What the fleet's agents report, boiled down to the figures of one rotation: when each node
 * published, the longest detection-to-publish, adoptions overdue, failed attempts. Every event is
 * also passed to a tap (tests look at single events there).
 */
final class FleetEvents implements AgentEventsPort {
    private final AgentEventsPort tap;
    private Instant origin = Instant.MIN;
    private Times published = new Times();
    private Duration longestSinceDetected = Duration.ZERO;
    private long overdue;
    private long failedAttempts;
    private long rejectedKeys;

    FleetEvents(AgentEventsPort tap) {
        this.tap = tap;
    }

    /** Forgets what was recorded; times are recorded from {@code at} on. */
    void recordFrom(Instant at) {
        origin = at;
        published = new Times();
        longestSinceDetected = Duration.ZERO;
        overdue = 0;
        failedAttempts = 0;
        rejectedKeys = 0;
    }

    @Override
    public void emit(AgentEvent event) {
        tap.emit(event);
        switch (event) {
            case AgentEvent.KeyPublished p -> {
                published.add(Duration.between(origin, p.at()).toNanos());
                if (p.sinceDetected().compareTo(longestSinceDetected) > 0) {
                    longestSinceDetected = p.sinceDetected();
                }
            }
            case AgentEvent.AdoptionOverdue overdue -> this.overdue++;
            case AgentEvent.PublishFailed failed -> failedAttempts++;
            case AgentEvent.KeysRejected rejected -> rejectedKeys++; // never expected: the simulated Secret is always valid
            case AgentEvent.ApplyFailed failed -> rejectedKeys++;
            case AgentEvent.KeyFileChangeDetected detected -> { }
            case AgentEvent.JitterChosen chosen -> { }
            case AgentEvent.KeysLoaded loaded -> { }
            case AgentEvent.KeysUnchanged unchanged -> { }
            case AgentEvent.KeysApplied applied -> { }
            case AgentEvent.PublishedKeyLookupFailed failed -> { }
            case AgentEvent.RemoteNodeUpdated updated -> { }
            case AgentEvent.RemoteNodeRemoved removed -> { }
            case AgentEvent.RotationCancelled cancelled -> { }
            case AgentEvent.ClusterViewSynced synced -> { }
            case AgentEvent.ClusterViewFailing failing -> { }
            case AgentEvent.ClusterViewStale stale -> { }
            case AgentEvent.KeyFileSettleCutShort cut -> { }
            case AgentEvent.RotationResumed resumed -> { }
            case AgentEvent.KeyIdWentBack back -> { }
            case AgentEvent.OwnNodeDriftDetected drift -> { }
            case AgentEvent.OwnNodeConverged converged -> { }
            case AgentEvent.KeyAdoptionConfirmed confirmed -> { } // relay mode; the fleet simulates publish mode
        }
    }

    Times published() {
        return published;
    }

    Duration longestSinceDetected() {
        return longestSinceDetected;
    }

    long overdue() {
        return overdue;
    }

    long failedAttempts() {
        return failedAttempts;
    }

    long rejectedKeys() {
        return rejectedKeys;
    }
}
