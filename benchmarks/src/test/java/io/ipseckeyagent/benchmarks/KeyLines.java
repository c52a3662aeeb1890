package io.ipseckeyagent.benchmarks;

import java.util.HexFormat;
import java.util.SplittableRandom;

/** Key-file lines as Cilium's documented rotation writes them; the key bytes follow from the SPI. */
final class KeyLines {
    private KeyLines() {}

    static String line(int spi) {
        byte[] key = new byte[20];
        new SplittableRandom(spi).nextBytes(key);
        return spi + "+ rfc4106(gcm(aes)) " + HexFormat.of().formatHex(key) + " 128\n";
    }
}
