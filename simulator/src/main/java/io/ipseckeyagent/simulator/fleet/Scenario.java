package io.ipseckeyagent.simulator.fleet;

import io.ipseckeyagent.domain.jitter.JitterMaximum;
import io.ipseckeyagent.domain.jitter.JitterPolicy;
import io.ipseckeyagent.domain.jitter.JitterSettings;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * One way the fleet reacts to a rotation: one of the agent's policies, with the model's fixed
 * maximum ({@code uniform} is the proposal's half window) or, for {@code auto}, the maximum sized by
 * the cluster. {@code cilium} is Cilium main and {@code disabled} Cilium before it.
 *
 * @param maximum none: the model's fixed {@code --jitter-max}
 */
public record Scenario(String label, JitterPolicy policy, Option<JitterMaximum> maximum) {

    public static final Scenario DISABLED = new Scenario("disabled", JitterPolicy.disabled(), Option.none());
    public static final Scenario CILIUM = new Scenario("cilium", JitterPolicy.cilium(), Option.none());
    public static final Scenario UNIFORM = new Scenario("uniform", JitterPolicy.uniform(), Option.none());
    public static final Scenario AUTO = new Scenario("auto", JitterPolicy.uniform(), Option.some(new JitterMaximum.Auto()));
    public static final Scenario NODE_HASH = new Scenario("node-hash", JitterPolicy.nodeHash(), Option.none());
    public static final Scenario RANK = new Scenario("rank", JitterPolicy.rank(), Option.none());

    /**
     * Every scenario, from the domain's one policy list: each policy under its own name (the fixed
     * maximum), and {@code auto} next to {@code uniform}; {@code disabled} and {@code cilium} first.
     */
    public static final List<Scenario> ALL = JitterPolicy.ALL
            .flatMap(policy -> policy.equals(JitterPolicy.uniform())
                    ? List.of(new Scenario(policy.name(), policy, Option.none()), AUTO)
                    : List.of(new Scenario(policy.name(), policy, Option.none())))
            .sortBy(scenario -> scenario.equals(DISABLED) ? 0 : scenario.equals(CILIUM) ? 1 : 2);

    /** The agents' jitter settings in this scenario. */
    public JitterSettings settings(JitterSettings fixed) {
        return maximum.map(fixed::withMaximum).getOrElse(fixed).forPolicy(policy);
    }

    /** The scenario called {@code label}; the left side lists the names allowed. */
    public static Either<String, Scenario> parse(String label) {
        return ALL.find(scenario -> scenario.label().equals(label.trim()))
                .toEither(() -> "unknown scenario '" + label.trim() + "'; use " + ALL.map(Scenario::label).mkString(", "));
    }
}
