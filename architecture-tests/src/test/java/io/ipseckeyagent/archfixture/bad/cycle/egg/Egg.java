package io.ipseckeyagent.archfixture.bad.cycle.egg;

import io.ipseckeyagent.archfixture.bad.cycle.chicken.Chicken;

public final class Egg {
    public Chicken hatch() {
        return new Chicken();
    }
}
