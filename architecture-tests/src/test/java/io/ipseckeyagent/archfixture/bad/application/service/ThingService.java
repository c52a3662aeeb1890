package io.ipseckeyagent.archfixture.bad.application.service;

/** A service, as the core has: what the fixtures below must not reach from a port or an adapter. */
public final class ThingService {
    public void handle() {}
}
