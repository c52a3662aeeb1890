package io.ipseckeyagent.domain.key;

import java.util.Objects;

/** The name of a Kubernetes node (and of its CiliumNode), as the agent reports and publishes it. */
public record NodeName(String value) implements Comparable<NodeName> {
    public NodeName {
        Objects.requireNonNull(value, "node name");
        if (value.isBlank()) {
            throw new IllegalArgumentException("node name must not be blank");
        }
    }

    public static NodeName of(String value) {
        return new NodeName(value);
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
