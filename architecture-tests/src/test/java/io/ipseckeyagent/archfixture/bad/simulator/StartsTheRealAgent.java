package io.ipseckeyagent.archfixture.bad.simulator;

import io.ipseckeyagent.archfixture.bad.bootstrap.Wiring;

/** Breaks: the simulator reaching into bootstrap instead of composing adapters itself. */
final class StartsTheRealAgent {
    String start() {
        return Wiring.NAME;
    }
}
