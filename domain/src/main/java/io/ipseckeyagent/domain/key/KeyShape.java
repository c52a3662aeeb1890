package io.ipseckeyagent.domain.key;

/**
 * The lengths of a key, without key material, so it can be stored and compared after a restart.
 * Cilium only requires its {@link #keyLen()} to stay the same from one key to the next.
 */
public sealed interface KeyShape {
    record Aead(int keyBytes, int icvBits) implements KeyShape {}

    record AuthEnc(int authKeyBytes, int encKeyBytes) implements KeyShape {}

    /**
     * Cilium's {@code KeyLen} ({@code loadIPSecKeys}): {@code icv-bits / 8} for an AEAD line; for an
     * auth + enc line the length of the auth key as written, in hex digits without {@code 0x}
     * ({@code decodeIPSecKey} returns {@code len(keyTrimmed)}), so twice its bytes.
     */
    default int keyLen() {
        return switch (this) {
            case Aead(int keyBytes, int icvBits) -> icvBits / 8;
            case AuthEnc(int authKeyBytes, int encKeyBytes) -> 2 * authKeyBytes;
        };
    }

    /** In words, for messages. */
    default String describe() {
        return switch (this) {
            case Aead(int keyBytes, int icvBits) -> "an AEAD key of " + keyBytes + " bytes with a " + icvBits
                    + "-bit ICV (Cilium KeyLen " + keyLen() + ")";
            case AuthEnc(int authKeyBytes, int encKeyBytes) -> "an auth key of " + authKeyBytes
                    + " bytes and an encryption key of " + encKeyBytes + " bytes (Cilium KeyLen " + keyLen() + ")";
        };
    }
}
