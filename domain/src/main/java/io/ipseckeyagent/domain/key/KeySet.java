package io.ipseckeyagent.domain.key;

import io.vavr.collection.List;

/**
 * The valid lines of a key file, in file order. The last line is the active key, as in Cilium.
 *
 * @param summaries each entry without key material, in the same order: derived from the entries
 *     once, when the set is made, because one parsed file is applied and compared by many (a
 *     simulated fleet's agents all read one Secret); pass {@link #KeySet(List)} the entries alone
 */
public record KeySet(List<KeyEntry> entries, List<KeySummary> summaries) {

    public KeySet(List<KeyEntry> entries) {
        this(entries, entries == null ? List.empty() : entries.map(KeyEntry::summary));
    }

    public KeySet {
        if (entries == null || entries.isEmpty()) {
            throw new IllegalArgumentException("a key set holds at least one key");
        }
        if (!entries.map(KeyEntry::summary).equals(summaries)) {
            throw new IllegalArgumentException("the summaries must be the entries' own");
        }
    }

    public KeyEntry active() {
        return entries.last();
    }

    public Spi activeSpi() {
        return active().spi();
    }

    public int size() {
        return entries.size();
    }
}
