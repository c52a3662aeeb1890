package io.ipseckeyagent.domain.rotation;

import java.time.Instant;
import java.util.Objects;

/**
 * A rotation that has begun but not yet loaded its keys: the change was first detected at
 * {@code detectedAt} while the keys with active fingerprint {@code fromFingerprint} were applied.
 * Recorded durably so a restart continues the same rotation (same deadline) instead of starting a
 * new window. Holds a fingerprint, never key material.
 */
public record PendingChange(Instant detectedAt, String fromFingerprint) {

    public PendingChange {
        Objects.requireNonNull(detectedAt, "detectedAt");
        Objects.requireNonNull(fromFingerprint, "fromFingerprint");
    }

    /** True when this rotation began from exactly {@code applied}: nothing was applied since. */
    public boolean leaves(AppliedKeys applied) {
        return applied.active().fingerprint().equals(fromFingerprint);
    }
}
