package io.ipseckeyagent.bootstrap.config;

import io.ipseckeyagent.adapters.observability.ListenAddress;
import io.ipseckeyagent.pluginhost.DidYouMean;
import io.ipseckeyagent.domain.time.GoDuration;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/** The parsers the option registry uses; each returns a message that makes sense after the flag's name. */
final class ValueParsers {
    /** The words Go's {@code strconv.ParseBool} accepts, as Cilium's flags do. */
    private static final List<String> TRUE_WORDS = List.of("true", "True", "TRUE", "t", "T", "1");
    private static final List<String> FALSE_WORDS = List.of("false", "False", "FALSE", "f", "F", "0");

    private ValueParsers() {}

    static Either<String, Boolean> bool(String text) {
        return TRUE_WORDS.contains(text) ? Either.right(true)
                : FALSE_WORDS.contains(text) ? Either.right(false)
                : Either.left("expected true or false, got \"" + text + "\"");
    }

    static Either<String, Duration> positiveDuration(String text) {
        return GoDuration.parse(text).filterOrElse(
                duration -> !duration.isNegative() && !duration.isZero(),
                duration -> "must be greater than 0, got " + GoDuration.format(duration));
    }

    static Either<String, Duration> nonNegativeDuration(String text) {
        return GoDuration.parse(text).filterOrElse(
                duration -> !duration.isNegative(),
                duration -> "must not be negative, got " + GoDuration.format(duration));
    }

    static Either<String, Double> positiveRate(String text) {
        try {
            double rate = Double.parseDouble(text);
            return rate > 0 && Double.isFinite(rate) ? Either.right(rate) : Either.left("must be a positive number, got " + text);
        } catch (NumberFormatException e) {
            return Either.left("expected a number of writes per second like 20, got \"" + text + "\"");
        }
    }

    static Either<String, Path> path(String text) {
        try {
            return Either.right(Path.of(text));
        } catch (InvalidPathException e) {
            return Either.left("not a valid path: " + e.getReason());
        }
    }

    /** An empty text disables the listener. */
    static Either<String, Option<ListenAddress>> optionalListenAddress(String text) {
        return text.isEmpty() ? Either.right(Option.none()) : ListenAddress.parse(text).map(Option::some);
    }

    /** A choice among {@code choices}, each written as {@code word} spells it, any case; a miss lists them and the closest. */
    static <E> Function<String, Either<String, E>> choice(List<E> choices, Function<? super E, String> word) {
        List<String> names = choices.map(word);
        return text -> choices.find(choice -> word.apply(choice).equals(text.toLowerCase(Locale.ROOT)))
                .toEither(() -> "unknown value \"" + text + "\"; expected one of " + names.mkString(", ")
                        + DidYouMean.closest(text, names).map(name -> " (did you mean " + name + "?)").getOrElse(""));
    }
}
