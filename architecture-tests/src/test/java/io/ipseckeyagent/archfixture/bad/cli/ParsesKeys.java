package io.ipseckeyagent.archfixture.bad.cli;

import io.ipseckeyagent.archfixture.bad.bootstrap.Wiring;

/** Breaks: agent code hides in the command-line conventions the two jars share. */
public final class ParsesKeys {
    public String describe(Wiring wiring) {
        return wiring.toString();
    }
}
