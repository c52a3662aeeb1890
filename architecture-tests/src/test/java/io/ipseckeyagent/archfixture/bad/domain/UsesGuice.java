package io.ipseckeyagent.archfixture.bad.domain;

import com.google.inject.Injector;

/** Breaks: the domain depends on a framework; only bootstrap may use Guice. */
public final class UsesGuice {
    private final Injector injector;

    public UsesGuice(Injector injector) {
        this.injector = injector;
    }

    public Injector injector() {
        return injector;
    }
}
