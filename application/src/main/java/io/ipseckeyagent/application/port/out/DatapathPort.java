package io.ipseckeyagent.application.port.out;

import io.ipseckeyagent.domain.key.KeySet;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.domain.rotation.AppliedKeys;
import io.ipseckeyagent.domain.rotation.PendingChange;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * The local datapath: installs a key set and makes its last key the node's key identity. Local and
 * fast; called on the agent's own thread.
 */
public interface DatapathPort {
    /** Installs the keys; on success returns what is now applied. The left side says why not. */
    Either<String, AppliedKeys> apply(KeySet keys, Instant detectedAt, Instant appliedAt);

    /** Records that the applied key's SPI is now published (for operators and restarts). */
    Either<String, AppliedKeys> markPublished(Spi spi, Instant publishedAt);

    /** What a previous run applied, if anything (read at start). */
    Option<AppliedKeys> lastApplied();

    /**
     * Records durably, next to the applied keys, that a rotation away from them began; replaces an
     * earlier record. Refused when nothing is applied. {@link #apply} drops the record.
     */
    Either<String, PendingChange> recordPendingChange(PendingChange change);

    /** Drops the pending change, if any; returns what was dropped. */
    Either<String, Option<PendingChange>> forgetPendingChange();

    /** The pending change a previous run recorded, if any (read at start). */
    Option<PendingChange> pendingChange();
}
