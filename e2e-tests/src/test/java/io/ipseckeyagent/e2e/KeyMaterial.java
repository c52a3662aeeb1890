package io.ipseckeyagent.e2e;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Key file lines in Cilium's format with fresh random keys, remembering every key it made, so a
 * test can check that none of them leaked into the agent's output (and redact them if one did).
 */
final class KeyMaterial {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Long enough that no fingerprint (8 hex digits) or chance match counts, short enough to catch a partial key. */
    private static final int WINDOW = 12;
    private static final Pattern LONG_HEX = Pattern.compile("[0-9a-fA-F]{" + WINDOW + ",}");

    private final List<String> secrets = new CopyOnWriteArrayList<>();

    /** {@code N+ rfc4106(gcm(aes)) <40 hex> 128}: a valid AEAD line with a new 20-byte key. */
    String line(int spi) {
        return spi + "+ rfc4106(gcm(aes)) " + newKey() + " 128\n";
    }

    /** A line whose ICV (64) Cilium rejects, holding a real-looking key all the same. */
    String lineWithBadIcv(int spi) {
        return spi + "+ rfc4106(gcm(aes)) " + newKey() + " 64\n";
    }

    /** Whether any 12 consecutive hex digits of a key made so far appear in {@code text}, in any case. */
    boolean leaksInto(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return secrets.stream().anyMatch(secret -> IntStream.rangeClosed(0, secret.length() - WINDOW)
                .anyMatch(start -> lower.contains(secret.substring(start, start + WINDOW))));
    }

    /** {@code text} with every run of 12 or more hex digits blanked, so it is safe to print whatever leaked. */
    static String redact(String text) {
        return LONG_HEX.matcher(text).replaceAll("<hex>");
    }

    private String newKey() {
        byte[] key = new byte[20];
        RANDOM.nextBytes(key);
        String hex = HexFormat.of().formatHex(key);
        secrets.add(hex);
        return hex;
    }
}
