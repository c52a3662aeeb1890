package io.ipseckeyagent.simulator.fleet;

import io.ipseckeyagent.application.port.out.KeyFileContent;
import io.ipseckeyagent.application.port.out.KeyFileReadFailure;
import io.ipseckeyagent.application.port.out.KeyFileSourcePort;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * The IPsec key Secret every node mounts, in memory: one content for the whole fleet, replaced at
 * one virtual instant. Holds a single key line per SPI, as Cilium's documented rotation writes it;
 * the key bytes follow from the SPI and are never shown.
 */
final class SharedSecret implements KeyFileSourcePort {
    static final String LOCATION = "/etc/ipsec/keys";

    /** One content per key, read by every agent: it is parsed once, not once per agent. */
    private Either<KeyFileReadFailure, KeyFileContent> content;

    SharedSecret(Spi spi) {
        rotateTo(spi);
    }

    /** The Secret now holds the key of {@code spi}. */
    void rotateTo(Spi spi) {
        content = Either.right(KeyFileContent.of(keyLine(spi)));
    }

    @Override
    public String location() {
        return LOCATION;
    }

    @Override
    public Either<KeyFileReadFailure, KeyFileContent> read() {
        return content;
    }

    private static byte[] keyLine(Spi spi) {
        byte[] key = new byte[20]; // AES-128 and a 4-byte salt, as rfc4106(gcm(aes)) takes
        new SplittableRandom(spi.value()).nextBytes(key);
        String line = spi.value() + "+ rfc4106(gcm(aes)) " + HexFormat.of().formatHex(key) + " 128\n";
        return line.getBytes(StandardCharsets.US_ASCII);
    }
}
