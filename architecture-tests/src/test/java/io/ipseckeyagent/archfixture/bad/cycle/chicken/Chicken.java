package io.ipseckeyagent.archfixture.bad.cycle.chicken;

import io.ipseckeyagent.archfixture.bad.cycle.egg.Egg;

/** Breaks, with {@link Egg}: a package cycle. */
public final class Chicken {
    public Egg lay() {
        return new Egg();
    }
}
