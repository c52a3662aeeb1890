package io.ipseckeyagent.domain.key;

import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * Everything about one key that is safe to print, store or publish: no key material. It is what
 * {@code check-keys --output json} lists and what the state file records. Its type is its
 * {@link KeyShape}: AEAD or auth + encryption, with the lengths that type has.
 */
public record KeySummary(int line, Spi spi, boolean perNodeKeys, KeyShape shape, List<String> algorithms,
        String fingerprint) {

    /** The type's name in JSON: {@link #typeName()}. */
    public static final String AEAD = "aead";
    public static final String AUTH_ENC = "auth-enc";

    static KeySummary of(KeyEntry entry) {
        CipherSuite suite = entry.suite();
        return new KeySummary(entry.line(), entry.spi(), entry.perNodeKeys(), suite.shape(), suite.algorithms(),
                suite.fingerprint());
    }

    /** {@value #AEAD} or {@value #AUTH_ENC}, as JSON spells the type. */
    public String typeName() {
        return switch (shape) {
            case KeyShape.Aead aead -> AEAD;
            case KeyShape.AuthEnc authEnc -> AUTH_ENC;
        };
    }

    /** The length of the AEAD key (salt included) or of the encryption key. */
    public int keyBytes() {
        return switch (shape) {
            case KeyShape.Aead aead -> aead.keyBytes();
            case KeyShape.AuthEnc authEnc -> authEnc.encKeyBytes();
        };
    }

    /** The length of the authentication key, for auth + encryption keys only. */
    public Option<Integer> authKeyBytes() {
        return switch (shape) {
            case KeyShape.Aead aead -> Option.none();
            case KeyShape.AuthEnc authEnc -> Option.some(authEnc.authKeyBytes());
        };
    }

    /** The ICV length, for AEAD keys only. */
    public Option<Integer> icvBits() {
        return switch (shape) {
            case KeyShape.Aead aead -> Option.some(aead.icvBits());
            case KeyShape.AuthEnc authEnc -> Option.none();
        };
    }
}
