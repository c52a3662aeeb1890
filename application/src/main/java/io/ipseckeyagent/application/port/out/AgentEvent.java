package io.ipseckeyagent.application.port.out;

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

    /** The delay drawn for this change, its bound, and the deadline for adopting the new key. */
    record JitterChosen(Instant at, String policy, Duration delay, Duration max, Instant fireAt, Instant deadline)
            implements AgentEvent {}

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

    /** A pending rotation or retry was dropped because the agent is stopping. */
    record RotationCancelled(Instant at, String reason) implements AgentEvent {}
}
