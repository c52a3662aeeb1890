package io.ipseckeyagent.application.port.out;

/** Randomness for jitter and retry backoff; seeded in tests so every run is reproducible. */
public interface RandomSourcePort {
    /** A uniformly distributed number in [0, 1). */
    double nextUniform();
}
