package io.ipseckeyagent.domain.rotation;

import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * Where the agent is in a rotation. {@code Loading} and {@code Applying} last only until the host
 * answers the command that entered them; every other phase waits for time or for the cluster.
 * {@code changedAt} remembers the first change seen while busy, to act on once the busy step ends.
 */
public sealed interface RotationPhase {

    /** Not started, or stopped: changes are ignored. */
    record Stopped() implements RotationPhase {}

    /** Nothing to do until the key file changes. */
    record Idle() implements RotationPhase {}

    /** Waiting for the jitter delay to pass; changes seen now are coalesced into this rotation. */
    record Waiting(Deadline deadline, Spi expectedSpi) implements RotationPhase {}

    /**
     * The jitter wait is over but the key file changed less than a settle interval ago: waiting
     * for it to be quiet, never past the deadline's settle margin.
     */
    record Settling(Deadline deadline, int attempts) implements RotationPhase {}

    /** Reading the key file; {@code attempts} publish attempts were already made in this rotation. */
    record Loading(Deadline deadline, boolean atStart, int attempts) implements RotationPhase {}

    /** Installing a new key set locally. */
    record Applying(Deadline deadline, boolean atStart, int attempts) implements RotationPhase {}

    /** The datapath refused the keys; waiting out the backoff before loading and applying again. */
    record ApplyRetryWaiting(Deadline deadline, boolean atStart, int attempts) implements RotationPhase {}

    /** At start: asking the cluster which SPI this node publishes now. */
    record LookingUp(Instant startedAt, long request, Option<Instant> changedAt) implements RotationPhase {}

    /** Publish attempt number {@code attempt} is in flight. */
    record Publishing(Deadline deadline, Spi spi, int attempt, long request, Option<Instant> changedAt)
            implements RotationPhase {}

    /** Attempt {@code attempt} failed; waiting out the backoff before the next one. */
    record RetryWaiting(Deadline deadline, Spi spi, int attempt, Option<Instant> changedAt) implements RotationPhase {}
}
