package io.ipseckeyagent.domain.key;

/** One valid line of a key file. {@code line} is 1-based. */
public record KeyEntry(int line, Spi spi, boolean perNodeKeys, CipherSuite suite) {

    public KeySummary summary() {
        return KeySummary.of(this);
    }
}
