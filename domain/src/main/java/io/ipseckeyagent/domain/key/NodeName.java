package io.ipseckeyagent.domain.key;

import io.vavr.control.Either;
import java.util.Objects;
import java.util.regex.Pattern;

/** The name of a Kubernetes node (and of its CiliumNode), as the agent reports and publishes it. */
public record NodeName(String value) implements Comparable<NodeName> {
    public NodeName {
        Objects.requireNonNull(value, "node name");
        if (value.isBlank()) {
            throw new IllegalArgumentException("node name must not be blank");
        }
    }

    /** RFC 1123 subdomain, as Kubernetes requires of node names. */
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    public static NodeName of(String value) {
        return new NodeName(value);
    }

    /** A name as an operator writes it, if Kubernetes would accept it for a node; else what is wrong. */
    public static Either<String, NodeName> parse(String text) {
        return DNS_SUBDOMAIN.matcher(text).matches()
                ? Either.right(new NodeName(text))
                : Either.left("\"" + text + "\" is not a Kubernetes node name (lower-case letters, digits, '-' and '.',"
                        + " starting and ending with a letter or digit, at most 253 characters)");
    }

    @Override
    public int compareTo(NodeName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
