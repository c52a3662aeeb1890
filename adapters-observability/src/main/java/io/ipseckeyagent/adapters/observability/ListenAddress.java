package io.ipseckeyagent.adapters.observability;

import io.vavr.control.Either;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A TCP address to listen on, as Go's {@code net.Listen} takes it: {@code :9966} (every interface),
 * {@code 0.0.0.0:9966}, {@code 127.0.0.1:0} (any free port), {@code [::1]:9966}, {@code localhost:9966}.
 * Where {@link ObservabilityAdapters#serve} listens.
 *
 * @param host empty for every interface; an IPv6 literal without brackets
 */
public record ListenAddress(String host, int port) {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern HOST_NAME =
            Pattern.compile("(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final String EXAMPLES = "write it like :9966, 0.0.0.0:9966 or [::1]:9966";

    public ListenAddress {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** True when the address names no host: listen on every interface. */
    public boolean allInterfaces() {
        return host.isEmpty();
    }

    /** The socket to bind; unresolved when the host name does not resolve. */
    public InetSocketAddress socket() {
        return allInterfaces() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    /** Parses {@code host:port}; the left side says what is wrong. */
    public static Either<String, ListenAddress> parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            return Either.left("missing port in \"" + text + "\"; " + EXAMPLES);
        }
        String hostPart = text.substring(0, colon);
        String portPart = text.substring(colon + 1);
        return parseHost(text, hostPart).flatMap(host -> parsePort(text, portPart).map(port -> new ListenAddress(host, port)));
    }

    private static Either<String, String> parseHost(String text, String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            String literal = host.substring(1, host.length() - 1);
            return isIpv6Literal(literal)
                    ? Either.right(literal)
                    : Either.left("\"" + literal + "\" is not an IPv6 address in \"" + text + "\"");
        }
        if (host.contains(":")) {
            return Either.left("put an IPv6 address in brackets, like [::1]:9966, in \"" + text + "\"");
        }
        if (host.isEmpty()) {
            return Either.right(host);
        }
        var ipv4 = IPV4.matcher(host);
        if (ipv4.matches()) {
            for (int group = 1; group <= 4; group++) {
                if (Integer.parseInt(ipv4.group(group)) > 255) {
                    return Either.left("\"" + host + "\" is not an IPv4 address in \"" + text + "\"");
                }
            }
            return Either.right(host);
        }
        return HOST_NAME.matcher(host).matches() && !host.chars().allMatch(c -> c == '.' || Character.isDigit(c))
                ? Either.right(host)
                : Either.left("\"" + host + "\" is not a host name or IP address in \"" + text + "\"");
    }

    /** Java parses a text with a colon as an IPv6 literal and never asks DNS about it. */
    private static boolean isIpv6Literal(String literal) {
        if (!IPV6_CHARACTERS.matcher(literal).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(literal) != null; // ::ffff:a.b.c.d comes back as IPv4
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Either<String, Integer> parsePort(String text, String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Either.left("port must be a number from 0 to 65535 in \"" + text + "\"");
        }
        int value = Integer.parseInt(port);
        return value > 65535
                ? Either.left("port must be a number from 0 to 65535 in \"" + text + "\"")
                : Either.right(value);
    }

    /** The address as it was written: {@code :9966}, {@code [::1]:9966}. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
