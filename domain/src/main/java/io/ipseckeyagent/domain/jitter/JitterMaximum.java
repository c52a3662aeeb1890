package io.ipseckeyagent.domain.jitter;

import io.ipseckeyagent.domain.time.GoDuration;
import io.vavr.control.Either;
import java.time.Duration;

/**
 * How the largest delay is set: sized by the cluster ({@code auto}), a fixed duration, or Cilium
 * main's {@code keyRotationDuration / 10}.
 */
public sealed interface JitterMaximum {

    /** As operators write it: {@code auto}, a Go duration, or {@code keyRotationDuration/10}. */
    String describe();

    /** {@code auto}: N / targetRate, so the whole fleet writes at about {@code targetRate} per second. */
    record Auto() implements JitterMaximum {
        @Override
        public String describe() {
            return "auto";
        }
    }

    record Fixed(Duration max) implements JitterMaximum {
        /** The last maximum described, with its text: every draw asks, and a fleet's agents share one maximum. */
        private static volatile Described last = new Described(Duration.ZERO, "0s");

        private record Described(Duration max, String text) {}

        @Override
        public String describe() {
            Described seen = last;
            if (!seen.max().equals(max)) {
                seen = new Described(max, GoDuration.format(max));
                last = seen;
            }
            return seen.text();
        }
    }

    /** Cilium main's {@code MaxKeyRotationJitter()} ({@code cell.go}): the rotation window over ten. */
    record TenthOfWindow() implements JitterMaximum {
        @Override
        public String describe() {
            return "keyRotationDuration/10";
        }
    }

    /** {@code auto} or a Go duration ({@code 0} turns jitter off); the left side says what was expected. */
    static Either<String, JitterMaximum> parse(String text) {
        if (text.equals("auto")) {
            return Either.right(new Auto());
        }
        return GoDuration.parse(text)
                .mapLeft(problem -> "expected auto or a duration: " + problem)
                .filterOrElse(max -> !max.isNegative(), max -> "must not be negative, got " + GoDuration.format(max))
                .map(Fixed::new);
    }
}
