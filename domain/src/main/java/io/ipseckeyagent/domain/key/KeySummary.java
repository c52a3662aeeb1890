package io.ipseckeyagent.domain.key;

import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * Everything about one key that is safe to print, store or publish: no key material. It is what
 * {@code check-keys --output json} lists and what the state file records.
 *
 * @param keyBytes the length of the AEAD key (salt included) or of the encryption key
 * @param authKeyBytes the length of the authentication key, for auth + encryption lines only
 */
public record KeySummary(
        int line,
        Spi spi,
        boolean perNodeKeys,
        String type,
        List<String> algorithms,
        int keyBytes,
        Option<Integer> authKeyBytes,
        Option<Integer> icvBits,
        String fingerprint) {

    public static final String AEAD = "aead";
    public static final String AUTH_ENC = "auth-enc";

    static KeySummary of(KeyEntry entry) {
        return switch (entry.suite()) {
            case CipherSuite.Aead aead -> new KeySummary(entry.line(), entry.spi(), entry.perNodeKeys(), AEAD,
                    aead.algorithms(), aead.key().length(), Option.none(), Option.some(aead.icvBits()),
                    aead.fingerprint());
            case CipherSuite.AuthEnc authEnc -> new KeySummary(entry.line(), entry.spi(), entry.perNodeKeys(), AUTH_ENC,
                    authEnc.algorithms(), authEnc.encKey().length(), Option.some(authEnc.authKey().length()),
                    Option.none(), authEnc.fingerprint());
        };
    }

    /** The shape this key has, to compare against a new key after a restart. */
    public KeyShape shape() {
        return AEAD.equals(type)
                ? new KeyShape.Aead(keyBytes, icvBits.getOrElse(0))
                : new KeyShape.AuthEnc(authKeyBytes.getOrElse(0), keyBytes);
    }
}
