package io.ipseckeyagent.adapters.inmemory;

import io.ipseckeyagent.application.port.out.DatapathPort;
import io.ipseckeyagent.domain.key.KeySet;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.domain.rotation.AppliedKeys;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;

/** A datapath in memory: remembers every key set applied; can be told to refuse the next one. */
public final class InMemoryDatapath implements DatapathPort {
    private Option<AppliedKeys> current;
    private final java.util.List<AppliedKeys> applies = new java.util.ArrayList<>();
    private Option<String> refuseNext = Option.none();

    public InMemoryDatapath() {
        this(Option.none());
    }

    /** A datapath that holds what a previous run applied. */
    public InMemoryDatapath(Option<AppliedKeys> previous) {
        this.current = previous;
    }

    public synchronized void refuseNextApply(String reason) {
        refuseNext = Option.some(reason);
    }

    /** Every key set applied, in order. */
    public synchronized List<AppliedKeys> applies() {
        return List.ofAll(applies);
    }

    public synchronized Option<AppliedKeys> current() {
        return current;
    }

    @Override
    public synchronized Either<String, AppliedKeys> apply(KeySet keys, Instant detectedAt, Instant appliedAt) {
        if (refuseNext.isDefined()) {
            String reason = refuseNext.getOrElse("");
            refuseNext = Option.none();
            return Either.left(reason);
        }
        AppliedKeys applied = AppliedKeys.of(keys, detectedAt, appliedAt);
        current = Option.some(applied);
        applies.add(applied);
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
}
