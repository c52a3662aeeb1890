package io.ipseckeyagent.application.service;

import static io.ipseckeyagent.testkit.KeyFiles.aead;
import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.adapters.inmemory.InMemoryDatapath;
import io.ipseckeyagent.application.port.out.AgentEvent.JitterChosen;
import io.ipseckeyagent.domain.jitter.JitterPolicy;
import io.ipseckeyagent.domain.rotation.RotationRules;
import io.ipseckeyagent.domain.jitter.JitterSettings;
import io.ipseckeyagent.domain.jitter.RetryBackoff;
import io.ipseckeyagent.domain.key.NodeName;
import io.vavr.collection.TreeSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code auto} maximum is drawn from the cluster the agent knows at the draw. */
class AutoJitterTest {

    private static TestAgent agent(JitterPolicy policy, long seed) {
        AgentSettings settings = AgentSettings.of(TestAgent.NODE, "c1", JitterSettings.defaults(), policy, RetryBackoff.DEFAULT)
                .getOrElseThrow(() -> new AssertionError("valid"));
        return new TestAgent(settings, seed, new InMemoryDatapath());
    }

    private static JitterChosen rotated(TestAgent agent, int knownNodes) {
        agent.cluster.set(TreeSet.rangeClosed(1, knownNodes).map(i -> NodeName.of("node-" + i)));
        agent.startedOn(aead(3, 1)).rewrite(aead(4, 2));
        agent.time.runDue();
        return agent.events.last(JitterChosen.class).getOrElseThrow(AssertionError::new);
    }

    @Test
    void aSmallClusterWaitsAFractionOfASecond() {
        JitterChosen chosen = rotated(agent(JitterPolicy.uniform(), 1), 10);

        assertThat(chosen.max()).isEqualTo(Duration.ofMillis(500));
        // The settle interval is the shortest delay, so the draw spreads over [settle, settle + max].
        assertThat(chosen.delay()).isBetween(RotationRules.DEFAULT_SETTLE, RotationRules.DEFAULT_SETTLE.plusMillis(500));
        assertThat(chosen.bound().maximum()).isEqualTo("auto");
        assertThat(chosen.bound().knownNodes()).isEqualTo(10);
        assertThat(chosen.bound().cap()).isEqualTo(Duration.ofSeconds(205));
        assertThat(chosen.bound().shortfall()).isEmpty();
    }

    @Test
    void aClusterTheWindowCannotHoldAtTheRateIsCappedAndSaysSo() {
        JitterChosen chosen = rotated(agent(JitterPolicy.uniform(), 2), 5_000);

        assertThat(chosen.max()).isEqualTo(Duration.ofSeconds(205));
        assertThat(chosen.bound().shortfall()).singleElement().asString().contains("5000 nodes at 20 writes/s");
    }

    @Test
    void withoutAListTheCapIsUsed() {
        TestAgent agent = agent(JitterPolicy.uniform(), 3);
        agent.startedOn(aead(3, 1)).rewrite(aead(4, 2));
        agent.time.runDue();

        JitterChosen chosen = agent.events.last(JitterChosen.class).getOrElseThrow(AssertionError::new);
        assertThat(chosen.max()).isEqualTo(Duration.ofSeconds(205));
        assertThat(chosen.bound().knownNodes()).isZero();
    }

    @Test
    void ciliumDrawsOverATenthOfTheWindowWhateverTheCluster() {
        JitterChosen chosen = rotated(agent(JitterPolicy.cilium(), 4), 10);

        assertThat(chosen.policy()).isEqualTo("cilium");
        assertThat(chosen.max()).isEqualTo(Duration.ofSeconds(30));
        assertThat(chosen.bound().maximum()).isEqualTo("keyRotationDuration/10");
    }

    /** Cilium main does not coalesce: two changes inside one wait give two draws and two loads, on virtual time. */
    @Test
    void ciliumDrawsAndLoadsOncePerChangeOneAfterAnother() {
        TestAgent agent = agent(JitterPolicy.cilium(), 5);
        agent.cluster.set(TreeSet.rangeClosed(1, 10).map(i -> NodeName.of("node-" + i)));
        agent.startedOn(aead(3, 1));
        agent.time.runUntilIdle();
        int readsBefore = agent.keyFile.reads();
        int drawsBefore = agent.events.count(JitterChosen.class);

        agent.rewrite(aead(4, 2));
        agent.time.runDue();
        JitterChosen first = agent.events.last(JitterChosen.class).getOrElseThrow(AssertionError::new);
        agent.time.advance(first.delay().dividedBy(2));
        agent.rewrite(aead(4, 3)); // during the first wait
        agent.time.runUntilIdle();

        assertThat(agent.events.count(JitterChosen.class) - drawsBefore).isEqualTo(2);
        assertThat(agent.events.ofType(JitterChosen.class).drop(drawsBefore).map(JitterChosen::max))
                .containsOnly(Duration.ofSeconds(30));
        assertThat(agent.keyFile.reads() - readsBefore).isEqualTo(2);
        // The first load read the second content already; the second load finds it unchanged.
        assertThat(agent.events.ofType(io.ipseckeyagent.application.port.out.AgentEvent.KeysUnchanged.class)).isNotEmpty();
        assertThat(agent.publisher.attempts()).containsExactly(io.ipseckeyagent.domain.key.Spi.of(3),
                io.ipseckeyagent.domain.key.Spi.of(4));
    }

    @Test
    void theProposalsUniformCoalescesTheSameTwoChanges() {
        TestAgent agent = agent(JitterPolicy.uniform(), 5);
        agent.startedOn(aead(3, 1));
        agent.time.runUntilIdle();
        int readsBefore = agent.keyFile.reads();
        int drawsBefore = agent.events.count(JitterChosen.class);

        agent.rewrite(aead(4, 2));
        agent.time.runDue();
        JitterChosen first = agent.events.last(JitterChosen.class).getOrElseThrow(AssertionError::new);
        agent.time.advance(first.delay().dividedBy(2));
        agent.rewrite(aead(4, 3));
        agent.time.runUntilIdle();

        assertThat(agent.events.count(JitterChosen.class) - drawsBefore).isEqualTo(1);
        assertThat(agent.keyFile.reads() - readsBefore).isEqualTo(1);
    }
}
