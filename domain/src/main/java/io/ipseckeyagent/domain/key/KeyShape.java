package io.ipseckeyagent.domain.key;

/**
 * What must stay the same from one key to the next: the line format, the key lengths and, for
 * AEAD, the ICV. Holds no key material, so it can be stored and compared after a restart.
 */
public sealed interface KeyShape {
    record Aead(int keyBytes, int icvBits) implements KeyShape {}

    record AuthEnc(int authKeyBytes, int encKeyBytes) implements KeyShape {}
}
