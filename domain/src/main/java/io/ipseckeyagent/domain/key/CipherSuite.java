package io.ipseckeyagent.domain.key;

import io.vavr.collection.List;

/** The algorithms and keys of one key-file line: AEAD (4 fields) or auth + encryption (5 fields). */
public sealed interface CipherSuite {

    /** The key length that must not change across lines and rotations (Cilium refuses that). */
    KeyShape shape();

    /** Fingerprint of all key bytes of the line together. */
    String fingerprint();

    List<String> algorithms();

    /** {@code SPI[+] rfc4106(gcm(aes)) <hex> 128}. */
    record Aead(String algorithm, KeyBytes key, int icvBits) implements CipherSuite {
        @Override
        public KeyShape shape() {
            return new KeyShape.Aead(key.length(), icvBits);
        }

        @Override
        public String fingerprint() {
            return key.fingerprint();
        }

        @Override
        public List<String> algorithms() {
            return List.of(algorithm);
        }
    }

    /** {@code SPI[+] hmac(sha256) <hex> cbc(aes) <hex>}; a key written {@code ""} is empty. */
    record AuthEnc(String authAlgorithm, KeyBytes authKey, String encAlgorithm, KeyBytes encKey) implements CipherSuite {
        @Override
        public KeyShape shape() {
            return new KeyShape.AuthEnc(authKey.length(), encKey.length());
        }

        @Override
        public String fingerprint() {
            return KeyBytes.fingerprintOf(authKey, encKey);
        }

        @Override
        public List<String> algorithms() {
            return List.of(authAlgorithm, encAlgorithm);
        }
    }
}
