package io.ipseckeyagent.adapters.inmemory;

import io.ipseckeyagent.application.port.out.DatapathPort;
import io.ipseckeyagent.domain.key.KeySet;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.domain.rotation.AppliedKeys;
import io.ipseckeyagent.domain.rotation.PendingChange;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * A datapath in memory: holds the last key set applied and counts the applies (a fleet of 100,000
 * keeps no history); can be told to refuse the next applies.
 */
public final class InMemoryDatapath implements DatapathPort {
    private Option<AppliedKeys> current;
    private int applies;
    private Option<String> refuseNext = Option.none();
    private int refusals;
    private Option<PendingChange> pending = Option.none();

    public InMemoryDatapath() {
        this(Option.none());
    }

    /** A datapath that holds what a previous run applied. */
    public InMemoryDatapath(Option<AppliedKeys> previous) {
        this.current = previous;
    }

    public synchronized void refuseNextApply(String reason) {
        refuseNextApplies(1, reason);
    }

    /** Refuses the next {@code count} applies, as a state directory that is unwritable for a while. */
    public synchronized void refuseNextApplies(int count, String reason) {
        refuseNext = Option.some(reason);
        refusals = count;
    }

    /** How many key sets were applied (refused applies not counted). */
    public synchronized int applyCount() {
        return applies;
    }

    public synchronized Option<AppliedKeys> current() {
        return current;
    }

    @Override
    public synchronized Either<String, AppliedKeys> apply(KeySet keys, Instant detectedAt, Instant appliedAt) {
        if (refuseNext.isDefined()) {
            String reason = refuseNext.getOrElse("");
            if (--refusals <= 0) {
                refuseNext = Option.none();
            }
            return Either.left(reason);
        }
        AppliedKeys applied = AppliedKeys.of(keys, detectedAt, appliedAt);
        pending = Option.none();
        current = Option.some(applied);
        applies++;
        return Either.right(applied);
    }

    @Override
    public synchronized Either<String, AppliedKeys> markPublished(Spi spi, Instant publishedAt) {
        Option<AppliedKeys> marked = current.filter(keys -> keys.activeSpi().equals(spi)).map(keys -> keys.publishedAt(publishedAt));
        current = marked.orElse(current);
        return marked.toEither(() -> "SPI " + spi + " is not the applied key");
    }

    @Override
    public synchronized Option<AppliedKeys> lastApplied() {
        return current;
    }

    @Override
    public synchronized Either<String, PendingChange> recordPendingChange(PendingChange change) {
        if (current.isEmpty()) {
            return Either.left("no key applied, so no rotation away from it can be recorded");
        }
        pending = Option.some(change);
        return Either.right(change);
    }

    @Override
    public synchronized Either<String, Option<PendingChange>> forgetPendingChange() {
        Option<PendingChange> dropped = pending;
        pending = Option.none();
        return Either.right(dropped);
    }

    @Override
    public synchronized Option<PendingChange> pendingChange() {
        return pending;
    }
}
