package io.ipseckeyagent.domain.rotation;

import io.ipseckeyagent.domain.key.KeySet;
import io.ipseckeyagent.domain.key.KeySummary;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * What the local datapath holds now, without key material: enough to tell after a restart whether
 * a key file is new, and whether a new key keeps the applied key's shape.
 *
 * @param detectedAt when the change that led to this key set was first detected
 * @param publishedAt when its SPI was last published to this node's CiliumNode, if it was
 */
public record AppliedKeys(List<KeySummary> keys, Instant detectedAt, Instant appliedAt, Option<Instant> publishedAt) {

    public AppliedKeys {
        if (keys == null || keys.isEmpty()) {
            throw new IllegalArgumentException("applied keys hold at least one key");
        }
    }

    /** What applying {@code keys} leaves behind: their summaries, not yet published. */
    public static AppliedKeys of(KeySet keys, Instant detectedAt, Instant appliedAt) {
        return new AppliedKeys(keys.summaries(), detectedAt, appliedAt, Option.none());
    }

    /** The last key; read on every transition, so by index (O(1) for one key) rather than by an iterator. */
    public KeySummary active() {
        return keys.get(keys.size() - 1);
    }

    public Spi activeSpi() {
        return active().spi();
    }

    public AppliedKeys publishedAt(Instant at) {
        return new AppliedKeys(keys, detectedAt, appliedAt, Option.some(at));
    }
}
