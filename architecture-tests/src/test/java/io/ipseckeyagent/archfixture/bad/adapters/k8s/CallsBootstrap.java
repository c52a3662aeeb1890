package io.ipseckeyagent.archfixture.bad.adapters.k8s;

import io.ipseckeyagent.archfixture.bad.bootstrap.Wiring;

/** Breaks: an adapter reaches into bootstrap. */
final class CallsBootstrap {
    static String name() {
        return Wiring.NAME;
    }
}
