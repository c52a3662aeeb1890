package io.ipseckeyagent.domain.key;

import io.vavr.collection.List;

/** The valid lines of a key file, in file order. The last line is the active key, as in Cilium. */
public record KeySet(List<KeyEntry> entries) {

    public KeySet {
        if (entries == null || entries.isEmpty()) {
            throw new IllegalArgumentException("a key set holds at least one key");
        }
    }

    public KeyEntry active() {
        return entries.last();
    }

    public Spi activeSpi() {
        return active().spi();
    }

    public List<KeySummary> summaries() {
        return entries.map(KeyEntry::summary);
    }

    public int size() {
        return entries.size();
    }
}
