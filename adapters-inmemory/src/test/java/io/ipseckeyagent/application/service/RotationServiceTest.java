package io.ipseckeyagent.application.service;

import static io.ipseckeyagent.testkit.KeyFiles.activeFingerprint;
import static io.ipseckeyagent.testkit.KeyFiles.aead;
import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.application.port.out.AgentEvent.AdoptionOverdue;
import io.ipseckeyagent.application.port.out.AgentEvent.ApplyFailed;
import io.ipseckeyagent.application.port.out.AgentEvent.JitterChosen;
import io.ipseckeyagent.application.port.out.AgentEvent.KeyFileChangeDetected;
import io.ipseckeyagent.application.port.out.AgentEvent.KeyPublished;
import io.ipseckeyagent.application.port.out.AgentEvent.KeysApplied;
import io.ipseckeyagent.application.port.out.AgentEvent.KeysRejected;
import io.ipseckeyagent.application.port.out.AgentEvent.KeysUnchanged;
import io.ipseckeyagent.application.port.out.AgentEvent.PublishFailed;
import io.ipseckeyagent.application.port.out.AgentEvent.RemoteNodeRemoved;
import io.ipseckeyagent.application.port.out.AgentEvent.RemoteNodeUpdated;
import io.ipseckeyagent.application.port.out.AgentEvent.RotationCancelled;
import io.ipseckeyagent.application.port.out.KeyFileReadFailure;
import io.ipseckeyagent.application.port.out.PublishOutcome;
import io.ipseckeyagent.adapters.inmemory.InMemoryDatapath;
import io.ipseckeyagent.testkit.KeyFiles;
import io.ipseckeyagent.adapters.inmemory.VirtualTime;
import io.ipseckeyagent.domain.jitter.JitterPolicy;
import io.ipseckeyagent.domain.jitter.JitterSettings;
import io.ipseckeyagent.domain.jitter.RetryBackoff;
import io.ipseckeyagent.domain.key.KeyFileProblem;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.domain.rotation.AppliedKeys;
import io.ipseckeyagent.domain.rotation.RotationRules;
import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The behaviour issue 3 asks to prove, on virtual time with fakes. */
class RotationServiceTest {
    private static final String KEY_3 = aead(3, 1);
    private static final String KEY_4 = aead(4, 2);
    private static final String KEY_5 = aead(5, 3);
    private static final Duration WINDOW = Duration.ofMinutes(5);

    private static String activeFingerprintOf(InMemoryDatapath datapath) {
        return datapath.current().map(keys -> keys.active().fingerprint()).getOrElse("none");
    }

    @Test
    void aFirstStartAppliesAtOnceAndPublishesAfterAJitterWait() {
        TestAgent agent = new TestAgent(1);
        agent.keyFile.write(KEY_3);

        agent.service.start();
        agent.time.runDue();

        assertThat(agent.datapath.applyCount()).isEqualTo(1);
        assertThat(agent.publisher.attempts()).isEmpty();
        JitterChosen jitter = agent.events.last(JitterChosen.class).getOrElseThrow(AssertionError::new);
        assertThat(jitter.policy()).isEqualTo("uniform");
        assertThat(jitter.max()).isEqualTo(Duration.ofSeconds(150));

        agent.time.advance(jitter.delay().minusMillis(1));
        assertThat(agent.publisher.attempts()).isEmpty();
        agent.time.advance(Duration.ofMillis(1));
        assertThat(agent.publisher.successes()).containsExactly(Spi.of(3));
        assertThat(agent.datapath.current().flatMap(AppliedKeys::publishedAt)).contains(jitter.fireAt());
    }

    @Test
    void aThousandRewritesDuringOneWaitGiveOneApplyAndOnePublishOfTheFinalContent() {
        TestAgent agent = new TestAgent(2).startedOn(KEY_3);
        int readsBefore = agent.keyFile.reads();

        agent.rewrite(aead(4, 1000));
        agent.time.runDue();
        Duration wait = agent.events.last(JitterChosen.class).map(JitterChosen::delay).getOrElse(Duration.ZERO);
        assertThat(wait).as("this seed's wait leaves room for the rewrites").isGreaterThan(Duration.ofSeconds(10));
        Duration step = wait.dividedBy(1000);
        for (int i = 1; i < 1000; i++) {
            agent.time.advance(step);
            agent.rewrite(aead(4, 1000 + i));
        }
        agent.time.runUntilIdle();

        String last = aead(4, 1999);
        assertThat(agent.events.count(KeyFileChangeDetected.class)).isEqualTo(1000);
        assertThat(agent.events.ofType(KeyFileChangeDetected.class).filter(KeyFileChangeDetected::coalesced)).hasSize(999);
        assertThat(agent.events.count(JitterChosen.class)).isEqualTo(1);
        assertThat(agent.keyFile.reads() - readsBefore).isEqualTo(1);
        assertThat(agent.events.ofType(KeysApplied.class).map(applied -> applied.applied().active().fingerprint()))
                .containsExactly(activeFingerprint(last));
        assertThat(agent.publisher.attempts()).containsExactly(Spi.of(3), Spi.of(4));
        assertThat(activeFingerprintOf(agent.datapath)).isEqualTo(activeFingerprint(last));
    }

    @Test
    void anInvalidFileKeepsTheLastGoodKeyReportsLineNumbersAndALaterValidFileIsPickedUp() {
        TestAgent agent = new TestAgent(3).startedOn(KEY_3);

        agent.rewrite(KEY_3 + "\n16+ rfc4106(gcm(aes)) 0011 128\n\n");
        agent.time.runUntilIdle();

        KeysRejected rejected = agent.events.last(KeysRejected.class).getOrElseThrow(AssertionError::new);
        assertThat(rejected.location()).isEqualTo("/etc/ipsec/keys");
        assertThat(rejected.keptSpi()).contains(Spi.of(3));
        assertThat(rejected.errors().map(KeyFileProblem::line)).contains(Option.some(2), Option.some(3));
        assertThat(agent.datapath.applyCount()).isEqualTo(1);
        assertThat(agent.publisher.attempts()).containsExactly(Spi.of(3));

        agent.rewrite(KEY_4);
        agent.time.runUntilIdle();

        assertThat(activeFingerprintOf(agent.datapath)).isEqualTo(activeFingerprint(KEY_4));
        assertThat(agent.publisher.successes()).containsExactly(Spi.of(3), Spi.of(4));
    }

    @Test
    void aChangedKeyUnderTheAppliedSpiIsRejectedLikeAnInvalidFile() {
        TestAgent agent = new TestAgent(4).startedOn(KEY_3);

        agent.rewrite(aead(3, 77));
        agent.time.runUntilIdle();

        assertThat(agent.events.last(KeysRejected.class).map(r -> r.errors().head().message()).getOrElse(""))
                .contains("SPI 3 is already applied");
        assertThat(activeFingerprintOf(agent.datapath)).isEqualTo(activeFingerprint(KEY_3));
        assertThat(agent.publisher.attempts()).containsExactly(Spi.of(3));
    }

    @Test
    void revertingToTheAppliedKeyPublishesNothing() {
        TestAgent agent = new TestAgent(5).startedOn(KEY_3);

        agent.rewrite(KEY_4);
        agent.time.advance(Duration.ofMillis(1));
        agent.rewrite(KEY_3);
        agent.time.runUntilIdle();

        assertThat(agent.events.ofType(KeysUnchanged.class).map(KeysUnchanged::activeSpi)).containsExactly(Spi.of(3));
        assertThat(agent.datapath.applyCount()).isEqualTo(1);
        assertThat(agent.publisher.attempts()).containsExactly(Spi.of(3));
    }

    @Test
    void aChangeDuringPublishingLeadsToOneMoreRotationWithAFreshDraw() {
        TestAgent agent = new TestAgent(6).startedOn(KEY_3);
        agent.publisher.hold();
        agent.rewrite(KEY_4);
        agent.time.runUntilIdle();
        assertThat(agent.publisher.inFlight()).isEqualTo(1);
        Instant changedAt = agent.time.now();

        agent.rewrite(KEY_5);
        agent.time.advance(Duration.ofSeconds(20));
        agent.publisher.completeHeld(new PublishOutcome.Published());
        agent.time.runDue();

        List<JitterChosen> draws = agent.events.ofType(JitterChosen.class);
        assertThat(draws).hasSize(2);
        assertThat(draws.last().max()).isEqualTo(Duration.ofSeconds(130));
        assertThat(draws.last().deadline()).isEqualTo(changedAt.plus(WINDOW));
        agent.time.runUntilIdle();
        assertThat(agent.publisher.successes()).containsExactly(Spi.of(3), Spi.of(4), Spi.of(5));
        assertThat(agent.events.ofType(KeysApplied.class)).hasSize(2);
    }

    @Test
    void atStartAPublishedSpiThatDiffersFromTheFileIsPublishedAfterAJitterWait() {
        InMemoryDatapath datapath = new InMemoryDatapath(Option.some(KeyFiles.applied(KEY_3, VirtualTime.EPOCH.minusSeconds(3600))));
        TestAgent agent = new TestAgent(AgentSettings.defaults(TestAgent.NODE), 7, datapath);
        agent.publisher.alreadyPublishes(Option.some(Spi.of(3)));
        agent.keyFile.write(KEY_4);

        agent.service.start();
        agent.time.runDue();

        assertThat(activeFingerprintOf(datapath)).isEqualTo(activeFingerprint(KEY_4));
        Duration delay = agent.events.last(JitterChosen.class).map(JitterChosen::delay).getOrElseThrow(AssertionError::new);
        assertThat(agent.publisher.attempts()).isEmpty();
        agent.time.advance(delay);
        assertThat(agent.publisher.successes()).containsExactly(Spi.of(4));
        assertThat(agent.events.last(KeyPublished.class).map(KeyPublished::sinceDetected)).contains(delay);
    }

    @Test
    void atStartTheSameKeyAlreadyPublishedNeedsNothing() {
        InMemoryDatapath datapath = new InMemoryDatapath(Option.some(KeyFiles.applied(KEY_3, VirtualTime.EPOCH.minusSeconds(3600))));
        TestAgent agent = new TestAgent(AgentSettings.defaults(TestAgent.NODE), 8, datapath);
        agent.publisher.alreadyPublishes(Option.some(Spi.of(3)));
        agent.keyFile.write(KEY_3);

        agent.service.start();
        agent.time.runUntilIdle();

        assertThat(agent.events.ofType(KeysUnchanged.class)).hasSize(1);
        assertThat(datapath.applyCount()).isZero();
        assertThat(agent.publisher.attempts()).isEmpty();
        assertThat(agent.events.count(JitterChosen.class)).isZero();
    }

    @Test
    void atStartAPublishedKeyThatCannotBeReadIsPublishedAfterAJitterWait() {
        InMemoryDatapath datapath = new InMemoryDatapath(Option.some(KeyFiles.applied(KEY_3, VirtualTime.EPOCH)));
        TestAgent agent = new TestAgent(AgentSettings.defaults(TestAgent.NODE), 9, datapath);
        agent.publisher.failLookups(new PublishOutcome.Forbidden("cannot get ciliumnodes"));
        agent.keyFile.write(KEY_3);

        agent.service.start();
        agent.time.runUntilIdle();

        assertThat(agent.events.ofType(AgentEvent.PublishedKeyLookupFailed.class)).hasSize(1);
        assertThat(agent.events.count(JitterChosen.class)).isEqualTo(1);
        assertThat(agent.publisher.successes()).containsExactly(Spi.of(3));
    }

    @Test
    void stoppingDuringTheWaitCancelsEverythingAndARestartConverges() {
        TestAgent agent = new TestAgent(10).startedOn(KEY_3);
        agent.rewrite(KEY_4);
        agent.time.runDue();

        agent.service.stop();
        agent.time.runDue();

        assertThat(agent.events.ofType(RotationCancelled.class)).hasSize(1);
        assertThat(agent.time.queued()).as("no timer is left behind").isZero();
        agent.time.advance(Duration.ofHours(1));
        assertThat(agent.datapath.applyCount()).isEqualTo(1);
        assertThat(agent.publisher.attempts()).containsExactly(Spi.of(3));

        agent.service = agent.newService();
        agent.service.start();
        agent.time.runUntilIdle();

        assertThat(activeFingerprintOf(agent.datapath)).isEqualTo(activeFingerprint(KEY_4));
        assertThat(agent.publisher.publishedSpi()).contains(Spi.of(4));
    }

    @Test
    void theSameServiceCanBeStartedAgainAfterAStop() {
        TestAgent agent = new TestAgent(11).startedOn(KEY_3);
        agent.rewrite(KEY_4);
        agent.service.stop();
        agent.service.start();
        agent.time.runUntilIdle();

        assertThat(agent.publisher.publishedSpi()).contains(Spi.of(4));
    }

    @Test
    void anAnswerToAPublishMadeBeforeAStopIsIgnored() {
        TestAgent agent = new TestAgent(12).startedOn(KEY_3);
        agent.publisher.hold();
        agent.rewrite(KEY_4);
        agent.time.runUntilIdle();

        agent.service.stop();
        agent.time.runDue();
        agent.publisher.completeHeld(new PublishOutcome.Published());
        agent.time.runUntilIdle();

        assertThat(agent.events.last(RotationCancelled.class).map(RotationCancelled::reason).getOrElse(""))
                .contains("SPI 4 is being published");
        assertThat(agent.events.count(KeyPublished.class)).isZero();
    }

    @Test
    void failedPublishesAreRetriedWithBackoffHonouringRetryAfterAndEveryFailureIsReported() {
        TestAgent agent = new TestAgent(13).startedOn(KEY_3);
        agent.publisher.answerNext(new PublishOutcome.Failed("503"), new PublishOutcome.Forbidden("patch ciliumnodes"),
                new PublishOutcome.NotFound("ciliumnodes node-a"), new PublishOutcome.RetryAfter(Duration.ofSeconds(40), "429"),
                new PublishOutcome.Conflict("409"));

        agent.rewrite(KEY_4);
        agent.time.runUntilIdle();

        List<PublishFailed> failures = agent.events.ofType(PublishFailed.class);
        assertThat(failures.map(PublishFailed::attempt)).containsExactly(1, 2, 3, 4, 5);
        failures.forEach(failure -> assertThat(failure.retryIn())
                .isBetween(Duration.ZERO, RetryBackoff.DEFAULT.ceiling(failure.attempt()).plusSeconds(40)));
        assertThat(failures.get(3).retryIn()).isGreaterThanOrEqualTo(Duration.ofSeconds(40));
        assertThat(agent.publisher.successes()).containsExactly(Spi.of(3), Spi.of(4));
        assertThat(agent.events.last(KeyPublished.class).map(KeyPublished::attempts)).contains(6);
    }

    @Test
    void aNewerKeySupersedesARetry() {
        TestAgent agent = new TestAgent(14).startedOn(KEY_3);
        agent.publisher.answerNext(new PublishOutcome.RetryAfter(Duration.ofSeconds(20), "429"));
        agent.rewrite(KEY_4);
        agent.time.runDue();
        agent.time.advance(Duration.between(agent.time.now(),
                agent.events.last(JitterChosen.class).map(JitterChosen::fireAt).getOrElseThrow(AssertionError::new)));
        assertThat(agent.events.ofType(PublishFailed.class)).hasSize(1);

        agent.rewrite(KEY_5);
        agent.time.runUntilIdle();

        assertThat(agent.publisher.attempts()).containsExactly(Spi.of(3), Spi.of(4), Spi.of(5));
        assertThat(agent.publisher.successes()).containsExactly(Spi.of(3), Spi.of(5));
        assertThat(agent.events.count(JitterChosen.class)).isEqualTo(1);
    }

    @Test
    void aRotationNotFinishedInTheWindowIsReportedOverdueOnce() {
        TestAgent agent = new TestAgent(15).startedOn(KEY_3);
        for (int i = 0; i < 40; i++) {
            agent.publisher.answerNext(new PublishOutcome.Failed("connection refused"));
        }
        Instant detected = agent.time.now();

        agent.rewrite(KEY_4);
        agent.time.runUntilIdle();

        assertThat(agent.events.ofType(AdoptionOverdue.class)).singleElement().satisfies(overdue -> {
            assertThat(overdue.spi()).isEqualTo(Spi.of(4));
            assertThat(overdue.deadline()).isEqualTo(detected.plus(WINDOW));
            assertThat(overdue.at()).isEqualTo(detected.plus(WINDOW));
        });
        assertThat(agent.publisher.successes()).containsExactly(Spi.of(3), Spi.of(4));
    }

    @Test
    void aRefusedApplyKeepsTheOldKeyAndIsRetriedWithBackoffUntilItApplies() {
        TestAgent agent = new TestAgent(16).startedOn(KEY_3);
        agent.datapath.refuseNextApplies(3, "state directory not writable");

        agent.rewrite(KEY_4);
        agent.time.runUntilIdle();

        // Fixed after three refusals: retried with backoff, no further change or restart needed.
        List<ApplyFailed> failures = agent.events.ofType(ApplyFailed.class);
        assertThat(failures.map(ApplyFailed::reason)).containsOnly("state directory not writable").hasSize(3);
        assertThat(failures.map(ApplyFailed::at).toJavaList()).isSorted().doesNotHaveDuplicates();
        assertThat(agent.events.count(KeyFileChangeDetected.class)).isEqualTo(1);
        assertThat(activeFingerprintOf(agent.datapath)).isEqualTo(activeFingerprint(KEY_4));
        assertThat(agent.publisher.successes()).containsExactly(Spi.of(3), Spi.of(4));
    }

    @Test
    void aMissingFileAtStartIsReportedWithoutItsLocationTwiceAndPickedUpWhenItAppears() {
        TestAgent agent = new TestAgent(17);
        agent.keyFile.fail(new KeyFileReadFailure.Missing("/etc/ipsec/keys"));

        agent.service.start();
        agent.time.runUntilIdle();

        assertThat(agent.events.last(KeysRejected.class).map(r -> r.errors().head()))
                .contains(KeyFileProblem.ofFile("no such file"));
        assertThat(agent.publisher.attempts()).isEmpty();

        agent.rewrite(KEY_3);
        agent.time.runUntilIdle();
        assertThat(agent.publisher.successes()).containsExactly(Spi.of(3));
    }

    @Test
    void rankPlacesTheNodeInItsSlotAmongTheKnownNodes() {
        AgentSettings rank = AgentSettings.of(NodeName.of("node-9"), "c1",
                JitterSettings.of(true, WINDOW, Option.none(), Duration.ofSeconds(5), Duration.ofSeconds(30)), JitterPolicy.rank(),
                RetryBackoff.DEFAULT).getOrElseThrow(() -> new AssertionError("valid"));
        TestAgent agent = new TestAgent(rank, 18, new InMemoryDatapath());
        agent.cluster.set(TreeSet.rangeClosed(0, 9).map(i -> NodeName.of("node-" + i)));

        agent.startedOn(KEY_3).rewrite(KEY_4);
        agent.time.runDue();

        JitterChosen chosen = agent.events.last(JitterChosen.class).getOrElseThrow(AssertionError::new);
        assertThat(chosen.policy()).isEqualTo("rank");
        assertThat(chosen.delay()).isBetween(Duration.ofSeconds(135), Duration.ofSeconds(150));
    }

    @Test
    void jitterTurnedOffActsAtOnce() {
        JitterSettings off = JitterSettings.of(false, WINDOW, Option.none(), Duration.ofSeconds(5), Duration.ofSeconds(30));
        AgentSettings settings = AgentSettings.of(TestAgent.NODE, "c1", off, JitterPolicy.uniform(), RetryBackoff.DEFAULT)
                .getOrElseThrow(() -> new AssertionError("valid"));
        TestAgent agent = new TestAgent(settings, 19, new InMemoryDatapath()).startedOn(KEY_3);

        agent.rewrite(KEY_4);
        agent.time.runDue();
        assertThat(agent.publisher.successes()).as("the file settles first").containsExactly(Spi.of(3));
        agent.time.advance(RotationRules.DEFAULT_SETTLE);

        assertThat(agent.publisher.successes()).containsExactly(Spi.of(3), Spi.of(4));
        assertThat(agent.events.last(JitterChosen.class).map(JitterChosen::policy)).contains("disabled");
    }

    @Test
    void everyRemoteChangeTheWatchReportsIsRelayedInOrderWithTheClusterName() {
        // The watch reports only changes (CiliumNodeObserverTest): the core relays each, keeping no copy of its own.
        TestAgent agent = new TestAgent(20);
        NodeName other = NodeName.of("node-b");

        agent.service.remoteNodeKeyChanged(other, Option.some(Spi.of(3)));
        agent.service.remoteNodeKeyChanged(other, Option.some(Spi.of(4)));
        agent.service.remoteNodeKeyChanged(other, Option.none());
        agent.service.remoteNodeRemoved(other);
        agent.time.runUntilIdle();

        assertThat(agent.events.ofType(RemoteNodeUpdated.class).map(RemoteNodeUpdated::spi))
                .containsExactly(Option.some(Spi.of(3)), Option.some(Spi.of(4)), Option.none());
        assertThat(agent.events.ofType(RemoteNodeUpdated.class).map(RemoteNodeUpdated::clusterName)).containsOnly("default");
        assertThat(agent.events.ofType(RemoteNodeRemoved.class).map(RemoteNodeRemoved::node)).containsExactly(other);
    }
}
