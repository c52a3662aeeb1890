package io.ipseckeyagent.domain.rotation;

import io.ipseckeyagent.domain.key.KeyFileParser;
import io.ipseckeyagent.domain.key.KeySet;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Key files made up for tests: the key bytes follow from a seed, so tests compare fingerprints, never keys. */
final class TestKeys {
    private TestKeys() {}

    /** One AEAD line, {@code SPI+ rfc4106(gcm(aes)) <keyBytes bytes> 128}. */
    static String aeadLine(int spi, long seed, int keyBytes) {
        byte[] key = new byte[keyBytes];
        new SplittableRandom(seed).nextBytes(key);
        return spi + "+ rfc4106(gcm(aes)) " + HexFormat.of().formatHex(key) + " 128";
    }

    static KeySet parse(String content) {
        return KeyFileParser.parse(content.getBytes(StandardCharsets.US_ASCII)).keySet()
                .getOrElseThrow(() -> new AssertionError("test key file is invalid"));
    }

    static KeySet aead(int spi, long seed) {
        return parse(aeadLine(spi, seed, 20));
    }
}
