package io.ipseckeyagent.adapters.inmemory;

import io.ipseckeyagent.application.port.out.RandomSourcePort;
import java.util.SplittableRandom;

/** Randomness that repeats: the same seed gives the same draws, so a failing run can be replayed. */
public final class SeededRandom implements RandomSourcePort {
    private final SplittableRandom random;
    private long draws;

    public SeededRandom(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public synchronized double nextUniform() {
        draws++;
        return random.nextDouble();
    }

    /** How many numbers were drawn so far. */
    public synchronized long draws() {
        return draws;
    }
}
