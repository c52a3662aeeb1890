package io.ipseckeyagent.simulator.fleet;

import io.ipseckeyagent.application.port.out.DatapathPort;
import io.ipseckeyagent.domain.key.KeySet;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.domain.rotation.AppliedKeys;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;

/** One node's datapath, in memory: installing keys always works and takes no time. */
final class InMemoryDatapath implements DatapathPort {
    private Option<AppliedKeys> current = Option.none();

    @Override
    public Either<String, AppliedKeys> apply(KeySet keys, Instant detectedAt, Instant appliedAt) {
        AppliedKeys applied = AppliedKeys.of(keys, detectedAt, appliedAt);
        current = Option.some(applied);
        return Either.right(applied);
    }

    @Override
    public Either<String, AppliedKeys> markPublished(Spi spi, Instant publishedAt) {
        Option<AppliedKeys> marked = current.filter(keys -> keys.activeSpi().equals(spi)).map(keys -> keys.publishedAt(publishedAt));
        current = marked.orElse(current);
        return marked.toEither(() -> "SPI " + spi + " is not the applied key");
    }

    @Override
    public Option<AppliedKeys> lastApplied() {
        return current;
    }
}
