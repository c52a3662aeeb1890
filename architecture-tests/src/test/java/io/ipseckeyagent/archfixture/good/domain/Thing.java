package io.ipseckeyagent.archfixture.good.domain;

import io.vavr.control.Option;
import java.time.Instant;

/** A domain value: plain Java and Vavr. */
public record Thing(String name, Option<Instant> seenAt) {
    public String describe() {
        return seenAt.map(at -> name + "@" + at).getOrElse(name);
    }
}
