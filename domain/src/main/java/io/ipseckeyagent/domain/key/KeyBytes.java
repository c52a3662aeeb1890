package io.ipseckeyagent.domain.key;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Secret key material. Its {@code toString} never shows the bytes; a short fingerprint identifies
 * a key in logs and outputs instead. The only way to the bytes is {@link #toKeyFileHex()}, used to
 * render a key file.
 */
public final class KeyBytes {
    private final byte[] bytes;
    private String fingerprint; // made once: summaries, events and hashCode each ask for it

    private KeyBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    public static KeyBytes of(byte[] bytes) {
        return new KeyBytes(bytes.clone());
    }

    public static KeyBytes empty() {
        return new KeyBytes(new byte[0]);
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** {@code sha256:} and the first 8 hex digits of the SHA-256 of the key bytes. */
    public String fingerprint() {
        String made = fingerprint;
        if (made == null) {
            made = fingerprintOf(bytes);
            fingerprint = made; // a race makes the same string twice: harmless
        }
        return made;
    }

    /** The fingerprint of several keys taken together (an auth key and an encryption key). */
    public static String fingerprintOf(KeyBytes... keys) {
        int total = Arrays.stream(keys).mapToInt(KeyBytes::length).sum();
        byte[] all = new byte[total];
        int offset = 0;
        for (KeyBytes key : keys) {
            System.arraycopy(key.bytes, 0, all, offset, key.bytes.length);
            offset += key.bytes.length;
        }
        return fingerprintOf(all);
    }

    /** Reveals the key as lower-case hex for writing a key file; never log or print the result. */
    public String toKeyFileHex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyBytes that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return fingerprint().hashCode();
    }

    @Override
    public String toString() {
        return "KeyBytes[" + bytes.length + " bytes, " + fingerprint() + "]";
    }

    private static String fingerprintOf(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

}
