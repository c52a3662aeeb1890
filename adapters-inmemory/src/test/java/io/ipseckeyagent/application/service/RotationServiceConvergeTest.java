package io.ipseckeyagent.application.service;

import static io.ipseckeyagent.testkit.KeyFiles.aead;
import static io.ipseckeyagent.testkit.KeyFiles.activeFingerprint;
import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.adapters.inmemory.InMemoryDatapath;
import io.ipseckeyagent.application.port.out.AgentEvent.JitterChosen;
import io.ipseckeyagent.application.port.out.AgentEvent.KeyIdWentBack;
import io.ipseckeyagent.application.port.out.AgentEvent.KeyPublished;
import io.ipseckeyagent.application.port.out.AgentEvent.KeysApplied;
import io.ipseckeyagent.application.port.out.AgentEvent.KeysLoaded;
import io.ipseckeyagent.application.port.out.AgentEvent.OwnNodeConverged;
import io.ipseckeyagent.application.port.out.AgentEvent.OwnNodeDriftDetected;
import io.ipseckeyagent.application.port.out.AgentEvent.RotationResumed;
import io.ipseckeyagent.application.port.out.PublishOutcome;
import io.ipseckeyagent.domain.jitter.JitterPolicy;
import io.ipseckeyagent.domain.jitter.JitterSettings;
import io.ipseckeyagent.domain.jitter.RetryBackoff;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.domain.rotation.StartMode;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Issue 9 through the service on virtual time: settle, restarts keep the window, own-node drift, relay start. */
class RotationServiceConvergeTest {
    private static final String KEY_3 = aead(3, 1);
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Duration MAX = Duration.ofSeconds(150);

    private static AgentSettings jitterOff() {
        JitterSettings off = JitterSettings.of(false, WINDOW, Option.none(), Duration.ofSeconds(5), Duration.ofSeconds(30));
        return AgentSettings.of(TestAgent.NODE, "c1", off, JitterPolicy.uniform(), RetryBackoff.DEFAULT)
                .getOrElseThrow(() -> new AssertionError("valid"));
    }

    /** 30 swaps 66 ms apart (about 2 s), ending on SPI 14. */
    private static void burst(TestAgent agent) {
        for (int i = 0; i < 30; i++) {
            agent.rewrite(aead(i % 2 == 0 ? 13 : 11, 100 + i));
            agent.time.advance(Duration.ofMillis(66));
        }
        agent.rewrite(aead(14, 14));
    }

    @Test
    void aBurstWithJitterOnIsOneLoadAndOnePublishOfTheFinalKey() {
        TestAgent agent = new TestAgent(AgentSettings.defaults(TestAgent.NODE), 31, new InMemoryDatapath()).startedOn(KEY_3);

        burst(agent);
        agent.time.runUntilIdle();

        assertThat(agent.publisher.attempts()).containsExactly(Spi.of(3), Spi.of(14));
        assertThat(agent.events.count(KeysLoaded.class)).isEqualTo(1);
        assertThat(agent.events.count(KeysApplied.class)).isEqualTo(1);
    }

    @Test
    void aBurstWithJitterOffIsOneLoadAndOnePublishOfTheFinalKey() {
        TestAgent agent = new TestAgent(jitterOff(), 32, new InMemoryDatapath()).startedOn(KEY_3);

        burst(agent);
        agent.time.runUntilIdle();

        assertThat(agent.publisher.attempts()).containsExactly(Spi.of(3), Spi.of(14));
        assertThat(agent.events.count(KeysLoaded.class)).isEqualTo(1);
    }

    @Test
    void aRestartDuringTheJitterWaitKeepsTheDeadlineAndDrawsOnlyOverWhatIsLeft() {
        TestAgent agent = new TestAgent(33).startedOn(KEY_3);
        Instant detected = agent.time.now();
        agent.rewrite(aead(4, 2));
        agent.time.runDue();
        JitterChosen first = agent.events.last(JitterChosen.class).getOrElseThrow(AssertionError::new);
        assertThat(first.deadline()).isEqualTo(detected.plus(WINDOW));

        // kill -9 before the wait ends: the old service is gone, a new one starts on the same state
        Duration downFor = first.delay().dividedBy(2);
        agent.service.stop();
        agent.time.runDue();
        agent.time.advance(downFor);
        agent.service = agent.newService();
        agent.service.start();
        agent.time.runDue();

        JitterChosen resumed = agent.events.last(JitterChosen.class).getOrElseThrow(AssertionError::new);
        assertThat(resumed.deadline()).isEqualTo(first.deadline());
        assertThat(resumed.max()).isEqualTo(MAX.minus(downFor));
        assertThat(resumed.delay()).isLessThanOrEqualTo(MAX.minus(downFor));
        assertThat(agent.events.last(RotationResumed.class).map(RotationResumed::detectedAt)).contains(detected);
        agent.time.runUntilIdle();
        assertThat(agent.publisher.successes()).containsExactly(Spi.of(3), Spi.of(4));
        assertThat(agent.datapath.pendingChange()).isEqualTo(Option.none());
    }

    @Test
    void aDriftSomeoneElseCausedIsReportedAndRepairedAfterAJitterWait() {
        TestAgent agent = new TestAgent(34).startedOn(KEY_3);
        Instant at = agent.time.now();

        agent.publisher.alreadyPublishes(Option.some(Spi.of(2)));
        agent.service.ownNodeKeyObserved(Option.some(Spi.of(2)));
        agent.time.runDue();

        OwnNodeDriftDetected drift = agent.events.last(OwnNodeDriftDetected.class).getOrElseThrow(AssertionError::new);
        assertThat(drift.held()).contains(Spi.of(2));
        assertThat(drift.applied()).isEqualTo(Spi.of(3));
        assertThat(drift.causedByThisNode()).isFalse();
        assertThat(drift.repairBy()).isEqualTo(at.plus(WINDOW));
        assertThat(agent.publisher.attempts()).as("not repaired at the same instant").containsExactly(Spi.of(3));

        agent.time.runUntilIdle();
        assertThat(agent.publisher.successes()).containsExactly(Spi.of(3), Spi.of(3));
        assertThat(agent.publisher.publishedSpi()).contains(Spi.of(3));
        agent.service.ownNodeKeyObserved(Option.some(Spi.of(3)));
        agent.time.runUntilIdle();
        assertThat(agent.events.ofType(OwnNodeConverged.class)).hasSize(1);
    }

    @Test
    void aDriftSeenAtStartIsReportedAndRepairedAfterAJitterWait() {
        TestAgent agent = new TestAgent(36).startedOn(KEY_3);
        agent.time.runUntilIdle();
        assertThat(agent.publisher.successes()).containsExactly(Spi.of(3));

        // While the agent is down, someone else sets the node's key to 2.
        agent.service.stop();
        agent.time.runUntilIdle();
        agent.publisher.alreadyPublishes(Option.some(Spi.of(2)));
        Instant restart = agent.time.now();
        agent.service = agent.newService();
        agent.service.start();
        agent.time.runDue();

        OwnNodeDriftDetected drift = agent.events.last(OwnNodeDriftDetected.class).getOrElseThrow(AssertionError::new);
        assertThat(drift.held()).contains(Spi.of(2));
        assertThat(drift.applied()).isEqualTo(Spi.of(3));
        assertThat(drift.causedByThisNode()).isFalse();
        assertThat(drift.repairBy()).isEqualTo(restart.plus(WINDOW));
        assertThat(agent.publisher.attempts()).as("not repaired at the same instant").containsExactly(Spi.of(3));

        agent.time.runUntilIdle();
        assertThat(agent.publisher.successes()).containsExactly(Spi.of(3), Spi.of(3));
        assertThat(agent.events.ofType(OwnNodeConverged.class)).hasSize(1);
    }

    @Test
    void aLateWriteOfThisNodeIsRepairedAtOnce() {
        TestAgent agent = new TestAgent(35).startedOn(KEY_3);
        agent.publisher.answerNext(new PublishOutcome.Failed("timeout"));
        agent.rewrite(aead(4, 2));
        agent.time.runUntilIdle(); // 4 times out once, then is published
        agent.rewrite(aead(5, 3));
        agent.time.runUntilIdle();
        assertThat(agent.publisher.successes()).containsExactly(Spi.of(3), Spi.of(4), Spi.of(5));

        // The timed-out PATCH of 4 lands now.
        agent.service.ownNodeKeyObserved(Option.some(Spi.of(4)));
        agent.time.runDue();

        assertThat(agent.events.last(OwnNodeDriftDetected.class).map(OwnNodeDriftDetected::causedByThisNode)).contains(true);
        assertThat(agent.publisher.attempts().last()).isEqualTo(Spi.of(5));
        assertThat(agent.publisher.successes()).containsExactly(Spi.of(3), Spi.of(4), Spi.of(5), Spi.of(5));
        assertThat(agent.events.ofType(OwnNodeConverged.class)).hasSize(1);
    }

    @Test
    void aLowerKeyIdIsLoadedButWarnedAbout() {
        TestAgent agent = new TestAgent(36).startedOn(aead(9, 9));

        agent.rewrite(aead(4, 2));
        agent.time.runUntilIdle();

        assertThat(agent.events.last(KeyIdWentBack.class).map(KeyIdWentBack::loaded)).contains(Spi.of(4));
        assertThat(agent.publisher.successes().last()).isEqualTo(Spi.of(4));
    }

    @Test
    void relayModeRestartWithOtherContentRunsAJitteredRotationBeforeApplying() {
        InMemoryDatapath datapath = new InMemoryDatapath();
        AgentSettings relay = AgentSettings.defaults(TestAgent.NODE).withStartMode(StartMode.RELAY);
        TestAgent agent = new TestAgent(relay, 37, datapath).startedOn(KEY_3);
        agent.service.stop();
        agent.time.runUntilIdle();

        agent.keyFile.write(aead(4, 2));
        agent.service = agent.newService();
        agent.service.start();
        agent.time.runDue();

        assertThat(activeFingerprint(KEY_3)).isEqualTo(datapath.current().map(k -> k.active().fingerprint()).getOrElse(""));
        assertThat(agent.events.count(JitterChosen.class)).isEqualTo(1);
        agent.time.runUntilIdle();
        assertThat(datapath.current().map(k -> k.activeSpi())).contains(Spi.of(4));
        assertThat(agent.publisher.successes()).containsExactly(Spi.of(3), Spi.of(4));
    }

    @Test
    void relayModeFirstStartConfirmsAnAdoptionCiliumMadeBeforeTheStartUpLookUp() {
        AgentSettings relay = AgentSettings.defaults(TestAgent.NODE).withStartMode(StartMode.RELAY);
        TestAgent agent = new TestAgent(relay, 39, new InMemoryDatapath());
        // Cilium loaded the relayed file and published its SPI before the look-up was answered.
        agent.publisher.alreadyPublishes(Option.some(Spi.of(3)));
        agent.keyFile.write(KEY_3);

        agent.service.start();
        agent.time.runUntilIdle();

        assertThat(agent.events.count(KeyPublished.class)).as("reported as KeyAdoptionConfirmed in relay mode").isEqualTo(1);
        assertThat(agent.datapath.current().map(k -> k.activeSpi())).contains(Spi.of(3));
        assertThat(agent.datapath.lastApplied().flatMap(keys -> keys.publishedAt())).as("marked adopted").isNotEmpty();
        assertThat(agent.publisher.attempts()).as("no wait for what is already there").isEmpty();
    }

    @Test
    void relayModeRestartWithTheSameContentDoesNothing() {
        InMemoryDatapath datapath = new InMemoryDatapath();
        AgentSettings relay = AgentSettings.defaults(TestAgent.NODE).withStartMode(StartMode.RELAY);
        TestAgent agent = new TestAgent(relay, 38, datapath).startedOn(KEY_3);
        agent.service.stop();
        agent.time.runUntilIdle();

        agent.service = agent.newService();
        agent.service.start();
        agent.time.runUntilIdle();

        assertThat(datapath.applyCount()).isEqualTo(1);
        assertThat(agent.publisher.successes()).containsExactly(Spi.of(3));
    }
}
