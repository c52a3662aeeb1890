package io.ipseckeyagent.simulator.fleet;

import io.ipseckeyagent.domain.jitter.JitterPolicy;
import io.vavr.collection.List;
import io.vavr.control.Either;

/** One way the fleet reacts to a rotation: without jitter (Cilium today) or with one of the agent's policies. */
public enum Scenario {
    DISABLED(JitterPolicy.disabled(), false),
    UNIFORM(JitterPolicy.uniform(), true),
    NODE_HASH(JitterPolicy.nodeHash(), true),
    RANK(JitterPolicy.rank(), true);

    private final JitterPolicy policy;
    private final boolean jitter;

    Scenario(JitterPolicy policy, boolean jitter) {
        this.policy = policy;
        this.jitter = jitter;
    }

    /** The policy's own name, as operators configure it: {@code disabled}, {@code uniform}, {@code node-hash}, {@code rank}. */
    public String label() {
        return policy.name();
    }

    JitterPolicy policy() {
        return policy;
    }

    boolean jitter() {
        return jitter;
    }

    /** The scenario called {@code label}; the left side lists the names allowed. */
    public static Either<String, Scenario> parse(String label) {
        List<Scenario> all = List.of(values());
        return all.find(scenario -> scenario.label().equals(label.trim()))
                .toEither(() -> "unknown scenario '" + label.trim() + "'; use " + all.map(Scenario::label).mkString(", "));
    }
}
