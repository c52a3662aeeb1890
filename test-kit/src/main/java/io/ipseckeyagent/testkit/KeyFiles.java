package io.ipseckeyagent.testkit;

import io.ipseckeyagent.domain.key.KeyFileParser;
import io.ipseckeyagent.domain.key.KeySet;
import io.ipseckeyagent.domain.rotation.AppliedKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Key files made up for tests. The key bytes follow from a seed, so tests can compare fingerprints
 * and never need to look at (or print) a key.
 */
public final class KeyFiles {
    private KeyFiles() {}

    /** One line as Cilium's docs write it: {@code SPI+ rfc4106(gcm(aes)) <20 bytes> 128}. */
    public static String aead(int spi, long seed) {
        return aead(spi, seed, 20);
    }

    public static String aead(int spi, long seed, int keyBytes) {
        byte[] key = new byte[keyBytes];
        new SplittableRandom(seed).nextBytes(key);
        return spi + "+ rfc4106(gcm(aes)) " + HexFormat.of().formatHex(key) + " 128";
    }

    /** The keys of a valid file; fails the test for an invalid one. */
    public static KeySet keys(String content) {
        return KeyFileParser.parse(content.getBytes(StandardCharsets.US_ASCII)).keySet()
                .getOrElseThrow(() -> new AssertionError("the test's key file is invalid"));
    }

    /** The fingerprint of a valid file's active key. */
    public static String activeFingerprint(String content) {
        return keys(content).active().suite().fingerprint();
    }

    /** What a datapath holds after applying {@code content} at {@code at}. */
    public static AppliedKeys applied(String content, Instant at) {
        return AppliedKeys.of(keys(content), at, at);
    }
}
