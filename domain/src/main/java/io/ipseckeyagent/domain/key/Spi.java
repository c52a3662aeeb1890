package io.ipseckeyagent.domain.key;

import io.vavr.control.Either;
import java.util.stream.IntStream;

/**
 * An IPsec key id (Security Parameter Index as Cilium uses it): 1..15, because it lives in four bits
 * of the packet mark. 0 means "no key" and is never a valid Spi.
 */
public record Spi(int value) implements Comparable<Spi> {
    public static final int MIN = 1;
    public static final int MAX = 15;

    public Spi {
        if (value < MIN || value > MAX) {
            throw new IllegalArgumentException("SPI must be in " + MIN + ".." + MAX + ", was " + value);
        }
    }

    /** One instance per value: a cluster view holds an SPI for every node. */
    private static final Spi[] ALL = IntStream.rangeClosed(MIN, MAX).mapToObj(Spi::new).toArray(Spi[]::new);

    public static Spi of(int value) {
        return value >= MIN && value <= MAX ? ALL[value - MIN] : new Spi(value);
    }

    /** Parses a decimal SPI without ever throwing; the left side says the allowed range. */
    public static Either<String, Spi> parse(String text) {
        String rangeMessage = "SPI must be a decimal number from " + MIN + " to " + MAX;
        if (text == null || text.isEmpty() || text.length() > 2 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Either.left(rangeMessage + ", was '" + printable(text) + "'");
        }
        int value = Integer.parseInt(text);
        return value < MIN || value > MAX
                ? Either.left(rangeMessage + ", was " + value)
                : Either.right(of(value));
    }

    /** The id a rotation moves to: 15 wraps to 1, as Cilium's documented rotation does. */
    public Spi next() {
        return of(value == MAX ? MIN : value + 1);
    }

    @Override
    public int compareTo(Spi other) {
        return Integer.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }

    private static String printable(String text) {
        if (text == null) {
            return "";
        }
        String cut = text.length() > 20 ? text.substring(0, 20) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
