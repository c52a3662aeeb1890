package io.ipseckeyagent.bootstrap.config;

import io.vavr.collection.List;
import io.vavr.control.Either;
import java.util.Locale;

/** An enum whose constants are written in configuration as lower-case words ({@code node-hash}). */
public interface ConfigChoice {
    /** The word operators write. */
    String configName();

    /** Parses a choice, ignoring case; the left side lists the allowed words and the closest one. */
    static <E extends Enum<E> & ConfigChoice> Either<String, E> parse(Class<E> type, String text) {
        List<E> choices = List.of(type.getEnumConstants());
        List<String> names = choices.map(ConfigChoice::configName);
        return choices.find(choice -> choice.configName().equals(text.toLowerCase(Locale.ROOT)))
                .toEither(() -> "unknown value \"" + text + "\"; expected one of " + names.mkString(", ")
                        + DidYouMean.closest(text, names).map(name -> " (did you mean " + name + "?)").getOrElse(""));
    }
}
