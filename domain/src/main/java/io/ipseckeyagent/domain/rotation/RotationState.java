package io.ipseckeyagent.domain.rotation;

import io.ipseckeyagent.domain.key.Spi;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * Everything the rotation machine knows: its phase, the keys applied locally, the SPI this node
 * is known to publish (none when unknown or none published), and the id of its last request to
 * the cluster, so an answer that comes after a stop is recognised as stale.
 *
 * @param lastChangeAt the last key file change seen, to load only once the file is quiet (settle)
 * @param applyFailures failed applies in a row, for the retry backoff
 * @param sentHere the SPIs this run asked the cluster to publish, newest first (a few), to tell its
 *     own late PATCH from someone else's write
 * @param seenWhilePublishing what the cluster was seen to hold while a publish was in flight
 * @param drifting the cluster was seen to hold another SPI than the applied one, not yet repaired
 * @param queuedChanges changes seen during a rotation that each get their own wait and load after it,
 *     when the rules do not coalesce ({@link RotationRules#coalesce()} false: Cilium main's behaviour)
 */
public record RotationState(RotationPhase phase, Option<AppliedKeys> applied, Option<Spi> published, long lastRequest,
        Option<Instant> lastChangeAt, int applyFailures, List<Spi> sentHere, Option<Option<Spi>> seenWhilePublishing,
        boolean drifting, int queuedChanges) {

    private static final int SENT_REMEMBERED = 4;

    public static RotationState initial() {
        return new RotationState(new RotationPhase.Stopped(), Option.none(), Option.none(), 0, Option.none(), 0,
                List.empty(), Option.none(), false, 0);
    }

    /** The applied key's SPI when it is not known to be published: a publish is owed. */
    public Option<Spi> owedSpi() {
        return applied.map(AppliedKeys::activeSpi).filter(spi -> !published.contains(spi));
    }

    /** True when the machine waits for the answer to request {@code request}. */
    public boolean awaits(long request) {
        return switch (phase) {
            case RotationPhase.Publishing publishing -> publishing.request() == request;
            case RotationPhase.LookingUp lookingUp -> lookingUp.request() == request;
            case RotationPhase.Stopped stopped -> false;
            case RotationPhase.Idle idle -> false;
            case RotationPhase.Waiting waiting -> false;
            case RotationPhase.Settling settling -> false;
            case RotationPhase.Loading loading -> false;
            case RotationPhase.Applying applying -> false;
            case RotationPhase.ApplyRetryWaiting applyRetryWaiting -> false;
            case RotationPhase.RetryWaiting retryWaiting -> false;
        };
    }

    /**
     * The SPI the next rotation will most likely publish, before the file is read: the applied one
     * plus one, as Cilium's documented rotation does (1 when nothing is applied).
     */
    public Spi expectedNextSpi() {
        return applied.map(keys -> keys.activeSpi().next()).getOrElse(Spi.of(Spi.MIN));
    }

    RotationState withPhase(RotationPhase next) {
        return new RotationState(next, applied, published, lastRequest, lastChangeAt, applyFailures, sentHere,
                seenWhilePublishing, drifting, queuedChanges);
    }

    RotationState withApplied(Option<AppliedKeys> keys) {
        return new RotationState(phase, keys, published, lastRequest, lastChangeAt, applyFailures, sentHere,
                seenWhilePublishing, drifting, queuedChanges);
    }

    RotationState withPublished(Option<Spi> spi) {
        return new RotationState(phase, applied, spi, lastRequest, lastChangeAt, applyFailures, sentHere,
                seenWhilePublishing, drifting, queuedChanges);
    }

    /** A new request id. */
    RotationState withNextRequest() {
        return new RotationState(phase, applied, published, lastRequest + 1, lastChangeAt, applyFailures, sentHere,
                seenWhilePublishing, drifting, queuedChanges);
    }

    /**
     * Publish attempt {@code attempt} of {@code spi} is sent as a new request: remember the SPI, and
     * forget what was seen before it. One copy, not one per field: a fleet of agents failing
     * together makes millions of attempts.
     */
    RotationState publishing(Deadline deadline, Spi spi, int attempt) {
        long request = lastRequest + 1;
        // A retry sends the newest SPI again: the list stays as it is.
        List<Spi> sent = !sentHere.isEmpty() && sentHere.head().equals(spi) ? sentHere
                : sentHere.remove(spi).prepend(spi).take(SENT_REMEMBERED);
        return new RotationState(new RotationPhase.Publishing(deadline, spi, attempt, request, Option.none()), applied,
                published, request, lastChangeAt, applyFailures, sent, Option.none(), drifting, queuedChanges);
    }

    RotationState withChangeAt(Instant at) {
        return new RotationState(phase, applied, published, lastRequest, Option.some(at), applyFailures, sentHere,
                seenWhilePublishing, drifting, queuedChanges);
    }

    RotationState withApplyFailures(int failures) {
        if (failures == applyFailures) {
            return this; // every successful apply resets the count, nearly always already 0
        }
        return new RotationState(phase, applied, published, lastRequest, lastChangeAt, failures, sentHere,
                seenWhilePublishing, drifting, queuedChanges);
    }

    RotationState withSeenWhilePublishing(Option<Spi> held) {
        return new RotationState(phase, applied, published, lastRequest, lastChangeAt, applyFailures, sentHere,
                Option.some(held), drifting, queuedChanges);
    }

    RotationState withDrifting(boolean drift) {
        if (drift == drifting) {
            return this;
        }
        return new RotationState(phase, applied, published, lastRequest, lastChangeAt, applyFailures, sentHere,
                seenWhilePublishing, drift, queuedChanges);
    }

    RotationState withQueuedChanges(int queued) {
        return new RotationState(phase, applied, published, lastRequest, lastChangeAt, applyFailures, sentHere,
                seenWhilePublishing, drifting, queued);
    }
}
