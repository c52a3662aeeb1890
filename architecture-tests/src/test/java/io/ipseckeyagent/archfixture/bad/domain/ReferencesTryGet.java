package io.ipseckeyagent.archfixture.bad.domain;

import io.vavr.control.Try;
import java.util.function.Function;

/** Breaks: a method reference to Try.get is a get() too. */
final class ReferencesTryGet {
    static Function<Try<String>, String> unwrap() {
        return Try::get;
    }
}
