package io.ipseckeyagent.archfixture.bad.domain;

import io.vavr.control.Option;

/** Breaks: calls get() on an Option. */
final class CallsOptionGet {
    static String nameOf(Option<String> name) {
        return name.get();
    }
}
