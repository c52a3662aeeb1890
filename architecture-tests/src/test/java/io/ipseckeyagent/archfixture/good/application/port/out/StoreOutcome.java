package io.ipseckeyagent.archfixture.good.application.port.out;

/** A port's value type: a sealed interface needs no {@code Port} suffix. */
public sealed interface StoreOutcome {
    record Stored() implements StoreOutcome {}

    record Refused(String reason) implements StoreOutcome {}
}
