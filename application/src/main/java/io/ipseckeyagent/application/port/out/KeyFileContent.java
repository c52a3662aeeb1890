package io.ipseckeyagent.application.port.out;

import io.vavr.collection.List;

/**
 * The raw bytes of a key file and the source's own warnings (e.g. readable by others). Holds key
 * material: its {@code toString} shows only the size.
 */
public final class KeyFileContent {
    private final byte[] bytes;
    private final List<String> warnings;

    public KeyFileContent(byte[] bytes, List<String> warnings) {
        this.bytes = bytes.clone();
        this.warnings = warnings;
    }

    public static KeyFileContent of(byte[] bytes) {
        return new KeyFileContent(bytes, List.empty());
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return "KeyFileContent[" + bytes.length + " bytes]";
    }
}
