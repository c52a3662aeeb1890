package io.ipseckeyagent.bootstrap.config;

import io.vavr.collection.List;
import io.vavr.control.Either;
import java.util.Locale;
import java.util.function.Function;

/** An enum whose constants are written in configuration as lower-case words ({@code node-hash}). */
public interface ConfigChoice {
    /** The word operators write. */
    String configName();

    /** Parses a choice, ignoring case; the left side lists the allowed words and the closest one. */
    static <E extends Enum<E> & ConfigChoice> Either<String, E> parse(Class<E> type, String text) {
        return parse(List.of(type.getEnumConstants()), ConfigChoice::configName, text);
    }

    /** As {@link #parse(Class, String)}, for values that spell themselves with {@code word} (another package's enum). */
    static <E> Either<String, E> parse(List<E> choices, Function<? super E, String> word, String text) {
        List<String> names = choices.map(word);
        return choices.find(choice -> word.apply(choice).equals(text.toLowerCase(Locale.ROOT)))
                .toEither(() -> "unknown value \"" + text + "\"; expected one of " + names.mkString(", ")
                        + DidYouMean.closest(text, names).map(name -> " (did you mean " + name + "?)").getOrElse(""));
    }
}
