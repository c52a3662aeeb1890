package io.ipseckeyagent.application.service;

import io.ipseckeyagent.domain.jitter.EffectiveJitter;
import io.ipseckeyagent.domain.jitter.JitterPolicy;
import io.ipseckeyagent.domain.jitter.JitterSettings;
import io.ipseckeyagent.domain.jitter.RetryBackoff;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.rotation.RotationRules;
import io.ipseckeyagent.domain.rotation.StartMode;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.time.Duration;
import java.util.Objects;

/**
 * What the core needs to know about its node and its rotations, in the core's own words; the
 * bootstrap maps flags and config files into it. Built by {@link #of}, which checks the jitter.
 *
 * @param clusterName reported with every remote node update, as Cilium's "Node updated" does
 * @param jitter the checked jitter; its {@code capped} warning is for the bootstrap to log
 * @param policy how each rotation's delay is drawn ({@code disabled} when jitter is off)
 * @param settle how long the key file must be quiet before it is loaded (default {@link RotationRules#DEFAULT_SETTLE})
 * @param startMode what a start does with a file that differs from the applied keys
 */
public record AgentSettings(NodeName nodeName, String clusterName, EffectiveJitter jitter, JitterPolicy policy,
        RetryBackoff retryBackoff, Duration settle, StartMode startMode) {

    /** Cilium's name for a cluster nobody named. */
    public static final String DEFAULT_CLUSTER_NAME = "default";

    public AgentSettings {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(settle, "settle");
        Objects.requireNonNull(startMode, "startMode");
    }

    /** Checks the jitter settings as the policy implies them (every error at once); with jitter off the policy is {@code disabled}. */
    public static Validation<Seq<String>, AgentSettings> of(NodeName nodeName, String clusterName, JitterSettings jitter,
            JitterPolicy policy, RetryBackoff retryBackoff) {
        return jitter.forPolicy(policy).resolve().map(effective -> of(nodeName, clusterName, effective, policy, retryBackoff));
    }

    /** From jitter already resolved for {@code policy}; with jitter off the policy is {@code disabled}. */
    public static AgentSettings of(NodeName nodeName, String clusterName, EffectiveJitter jitter, JitterPolicy policy,
            RetryBackoff retryBackoff) {
        return new AgentSettings(nodeName, clusterName, jitter, jitter.enabled() ? policy : JitterPolicy.disabled(), retryBackoff,
                RotationRules.DEFAULT_SETTLE, StartMode.PUBLISH);
    }

    public AgentSettings withSettle(Duration quiet) {
        return new AgentSettings(nodeName, clusterName, jitter, policy, retryBackoff, quiet, startMode);
    }

    public AgentSettings withStartMode(StartMode mode) {
        return new AgentSettings(nodeName, clusterName, jitter, policy, retryBackoff, settle, mode);
    }

    /** The machine's rules. */
    public RotationRules rules() {
        return new RotationRules(jitter, settle, startMode, policy.coalesces());
    }

    /**
     * The proposal's settings, a fixed maximum that does not depend on the cluster: uniform jitter up
     * to 2m30s in a 5m window, retries from 200ms up to 30s. (The agent's own default maximum is
     * {@code auto}: {@link JitterSettings#defaults()}.)
     */
    public static AgentSettings defaults(NodeName nodeName) {
        JitterSettings halfWindow = JitterSettings.of(true, JitterSettings.DEFAULT_KEY_ROTATION_DURATION,
                io.vavr.control.Option.none(), JitterSettings.DEFAULT_POLL_INTERVAL, JitterSettings.DEFAULT_PUBLISH_BUDGET);
        return of(nodeName, DEFAULT_CLUSTER_NAME, halfWindow, JitterPolicy.uniform(), RetryBackoff.DEFAULT)
                .getOrElseThrow(() -> new IllegalStateException("the default settings are valid"));
    }
}
