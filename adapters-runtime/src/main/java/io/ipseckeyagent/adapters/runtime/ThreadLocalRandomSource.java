package io.ipseckeyagent.adapters.runtime;

import io.ipseckeyagent.application.port.out.RandomSourcePort;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Real randomness for jitter and backoff. Not cryptographic on purpose: a delay needs no secrecy,
 * only independence between nodes, which per-process seeding gives.
 */
final class ThreadLocalRandomSource implements RandomSourcePort {
    @Override
    public double nextUniform() {
        return ThreadLocalRandom.current().nextDouble();
    }
}
