package io.ipseckeyagent.archfixture.bad.bootstrap;

public final class Wiring {
    public static final String NAME = new String("wiring");

    private Wiring() {}
}
