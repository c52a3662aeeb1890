package io.ipseckeyagent.domain.rotation;

import io.ipseckeyagent.domain.key.KeyFileProblem;
import io.ipseckeyagent.domain.key.KeySet;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.time.Duration;
import java.time.Instant;

/** What happens to the rotation machine: requests, timers, and the answers to its commands. */
public sealed interface RotationInput {

    /**
     * The agent starts; {@code previouslyApplied} is what the datapath holds from an earlier run,
     * {@code pending} the rotation an earlier run had begun and not yet loaded.
     */
    record Started(Instant at, Option<AppliedKeys> previouslyApplied, Option<PendingChange> pending)
            implements RotationInput {}

    record StopRequested() implements RotationInput {}

    /** The key file may have changed. */
    record ChangeDetected(Instant at) implements RotationInput {}

    record JitterWaitOver(Instant at) implements RotationInput {}

    /** The settle wait is over: the file may be quiet now. */
    record SettleWaitOver(Instant at) implements RotationInput {}

    record RetryDue(Instant at) implements RotationInput {}

    record DeadlineReached(Deadline deadline) implements RotationInput {}

    /** Answer to {@link RotationCommand.LoadKeyFile}: the parsed file, or every error (read errors too). */
    record KeysRead(Validation<List<KeyFileProblem>, KeySet> keys, Instant at) implements RotationInput {}

    /** Answer to {@link RotationCommand.ApplyKeys}: the datapath holds the new keys. */
    record Applied(AppliedKeys applied) implements RotationInput {}

    /** Answer to {@link RotationCommand.ApplyKeys}: the datapath refused; its previous keys stay; retry after {@code retryIn}. */
    record NotApplied(Duration retryIn) implements RotationInput {}

    /** Answer to {@link RotationCommand.LookUpPublishedKey}: none when the node publishes no key. */
    record PublishedKeyFound(long request, Option<Spi> spi, Instant at) implements RotationInput {}

    /** Answer to {@link RotationCommand.LookUpPublishedKey}: the lookup failed. */
    record PublishedKeyUnknown(long request, Instant at) implements RotationInput {}

    record PublishSucceeded(long request, Instant at) implements RotationInput {}

    /** A publish attempt failed; the host has drawn the backoff {@code retryIn}. */
    record PublishAttemptFailed(long request, Duration retryIn) implements RotationInput {}

    /** The cluster holds {@code held} for this node's own key (none: no key), as its watch saw it. */
    record OwnNodeKeyObserved(Option<Spi> held, Instant at) implements RotationInput {}
}
