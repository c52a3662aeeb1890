package io.ipseckeyagent.bootstrap.config;

import io.ipseckeyagent.pluginhost.DidYouMean;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.util.Locale;
import java.util.function.Function;

/** A choice among named values ({@code node-hash}, {@code json}), the names owned by the values' own module. */
final class ConfigChoice {
    private ConfigChoice() {}

    /** Parses a choice, ignoring case; the left side lists the allowed words and the closest one. */
    static <E> Either<String, E> parse(List<E> choices, Function<? super E, String> word, String text) {
        List<String> names = choices.map(word);
        return choices.find(choice -> word.apply(choice).equals(text.toLowerCase(Locale.ROOT)))
                .toEither(() -> "unknown value \"" + text + "\"; expected one of " + names.mkString(", ")
                        + DidYouMean.closest(text, names).map(name -> " (did you mean " + name + "?)").getOrElse(""));
    }
}
