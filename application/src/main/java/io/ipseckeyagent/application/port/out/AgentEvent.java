package io.ipseckeyagent.application.port.out;

import io.ipseckeyagent.domain.jitter.JitterBound;
import io.ipseckeyagent.domain.key.KeyFileProblem;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.domain.rotation.AppliedKeys;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;

/**
 * What the agent reports, as values. None of them holds key material: keys appear as
 * fingerprints only. Adapters turn them into log lines, metrics and health.
 */
public sealed interface AgentEvent {
    Instant at();

    /** A key file change was seen; {@code coalesced} when a rotation was already pending. */
    record KeyFileChangeDetected(Instant at, boolean coalesced) implements AgentEvent {}

    /**
     * The delay drawn for this change, its bound ({@code max}), what the bound was derived from
     * (maximum setting, N, target rate, cap; {@link JitterBound#shortfall()} when the window cannot
     * hold the fleet at the rate), and the deadline for adopting the new key.
     */
    record JitterChosen(Instant at, String policy, Duration delay, Duration max, Instant fireAt, Instant deadline,
            JitterBound bound) implements AgentEvent {}

    /** The key file parsed; warnings included (unknown algorithm, odd key length, permissions). */
    record KeysLoaded(Instant at, String location, Spi activeSpi, int keyCount, String activeFingerprint,
            List<KeyFileProblem> warnings) implements AgentEvent {}

    /** The key file is invalid or unreadable ("Failed to load IPsec keyfile"); the last good key stays. */
    record KeysRejected(Instant at, String location, List<KeyFileProblem> errors, Option<Spi> keptSpi)
            implements AgentEvent {}

    /** The file's active key is the one already applied: nothing to do. */
    record KeysUnchanged(Instant at, Spi activeSpi) implements AgentEvent {}

    record KeysApplied(Instant at, AppliedKeys applied) implements AgentEvent {}

    record ApplyFailed(Instant at, Spi spi, String reason) implements AgentEvent {}

    /** The node's CiliumNode now carries {@code spi}; {@code sinceDetected} is detection-to-publish latency. */
    record KeyPublished(Instant at, NodeName node, Spi spi, Duration sinceDetected, int attempts)
            implements AgentEvent {}

    /**
     * Relay mode: this node's cilium-agent loaded the relayed key and its CiliumNode now carries
     * {@code spi}; {@code sinceDetected} is detection-to-adoption latency, {@code attempts} the waits it took.
     */
    record KeyAdoptionConfirmed(Instant at, NodeName node, Spi spi, Duration sinceDetected, int attempts)
            implements AgentEvent {}

    /** One publish attempt failed; the next comes after {@code retryIn}. */
    record PublishFailed(Instant at, NodeName node, Spi spi, PublishOutcome outcome, int attempt, Duration retryIn)
            implements AgentEvent {}

    /** At start, the SPI this node publishes could not be read; the agent publishes its own after a jitter wait. */
    record PublishedKeyLookupFailed(Instant at, NodeName node, PublishOutcome outcome) implements AgentEvent {}

    /** The key was not both applied and published within the rotation window. */
    record AdoptionOverdue(Instant at, Spi spi, Instant detectedAt, Instant deadline) implements AgentEvent {}

    /** Another node published a new key id (Cilium logs "Node updated"). */
    record RemoteNodeUpdated(Instant at, String clusterName, NodeName node, Option<Spi> spi) implements AgentEvent {}

    record RemoteNodeRemoved(Instant at, String clusterName, NodeName node) implements AgentEvent {}

    /**
     * The API server answered the CiliumNode list or watch: the cluster view is current. Emitted by
     * the watch (on its own thread) at the first answer and again after each failure or staleness.
     */
    record ClusterViewSynced(Instant at, int knownNodes) implements AgentEvent {}

    /** Listing or watching CiliumNodes failed; the watch retries (and relists) on its own. */
    record ClusterViewFailing(Instant at, String reason) implements AgentEvent {}

    /** No successful list or watch of CiliumNodes since {@code lastSynced}, longer than {@code bound}. */
    record ClusterViewStale(Instant at, Instant lastSynced, Duration bound) implements AgentEvent {}

    /**
     * The key file was still changing ({@code quietFor} since its last change, less than the settle
     * interval), but the deadline is near: it was loaded as it is.
     */
    record KeyFileSettleCutShort(Instant at, Duration quietFor, Instant deadline) implements AgentEvent {}

    /** A start continues the rotation an earlier run began: same deadline, a delay over what is left. */
    record RotationResumed(Instant at, Instant detectedAt, Instant deadline) implements AgentEvent {}

    /** The new active key id is lower than the applied one and not the 15 to 1 wrap (an old Secret restored?). */
    record KeyIdWentBack(Instant at, Spi applied, Spi loaded) implements AgentEvent {}

    /**
     * This node's CiliumNode holds {@code held}, not the applied SPI; {@code causedByThisNode} when
     * {@code held} is an SPI this agent published before (its own write landing late). Repaired by {@code repairBy}.
     */
    record OwnNodeDriftDetected(Instant at, NodeName node, Option<Spi> held, Spi applied, boolean causedByThisNode,
            Instant repairBy) implements AgentEvent {}

    /** After a drift, this node's CiliumNode holds the applied SPI again. */
    record OwnNodeConverged(Instant at, NodeName node, Spi spi) implements AgentEvent {}

    /** A pending rotation or retry was dropped because the agent is stopping. */
    record RotationCancelled(Instant at, String reason) implements AgentEvent {}
}
