package io.ipseckeyagent.domain.key;

/**
 * Writes a {@link KeySet} as key file text, one line per entry, each ending with LF, in the form
 * the parser reads back (lower-case hex, {@code ""} for an empty key). The result holds key
 * material: write it to a file, never to a log.
 */
public final class KeyFileRenderer {
    private KeyFileRenderer() {}

    public static String render(KeySet keys) {
        StringBuilder text = new StringBuilder();
        for (KeyEntry entry : keys.entries()) {
            text.append(line(entry)).append('\n');
        }
        return text.toString();
    }

    /** One key line without its line end. */
    public static String line(KeyEntry entry) {
        String spi = entry.spi() + (entry.perNodeKeys() ? "+" : "");
        return switch (entry.suite()) {
            case CipherSuite.Aead(String algorithm, KeyBytes key, int icvBits) ->
                    String.join(" ", spi, algorithm, hex(key), Integer.toString(icvBits));
            case CipherSuite.AuthEnc(String authAlgorithm, KeyBytes authKey, String encAlgorithm, KeyBytes encKey) ->
                    String.join(" ", spi, authAlgorithm, hex(authKey), encAlgorithm, hex(encKey));
        };
    }

    private static String hex(KeyBytes key) {
        return key.isEmpty() ? "\"\"" : key.toKeyFileHex();
    }
}
