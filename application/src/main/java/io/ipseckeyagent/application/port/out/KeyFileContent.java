package io.ipseckeyagent.application.port.out;

import io.ipseckeyagent.domain.key.KeyFileCheck;
import io.ipseckeyagent.domain.key.KeyFileParser;
import io.vavr.Lazy;
import io.vavr.collection.List;

/**
 * The raw bytes of a key file and the source's own warnings (e.g. readable by others). Holds key
 * material: its {@code toString} shows only the size.
 *
 * <p>Immutable, so its parse ({@link #check()}) is done once: a source that hands out the same
 * content again (one Secret mounted by a whole simulated fleet) is parsed once, not once per read.
 */
public final class KeyFileContent {
    private final byte[] bytes;
    private final List<String> warnings;
    private final Lazy<KeyFileCheck> check;

    public KeyFileContent(byte[] bytes, List<String> warnings) {
        this.bytes = bytes.clone();
        this.warnings = warnings;
        this.check = Lazy.of(() -> KeyFileParser.parse(this.bytes));
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

    /** What {@link KeyFileParser#parse(byte[])} finds in these bytes. */
    public KeyFileCheck check() {
        return check.get();
    }

    @Override
    public String toString() {
        return "KeyFileContent[" + bytes.length + " bytes]";
    }
}
