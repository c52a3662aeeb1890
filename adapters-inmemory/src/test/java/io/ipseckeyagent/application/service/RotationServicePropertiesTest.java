package io.ipseckeyagent.application.service;

import static io.ipseckeyagent.testkit.KeyFiles.activeFingerprint;
import static io.ipseckeyagent.testkit.KeyFiles.aead;
import static io.ipseckeyagent.testkit.KeyFiles.keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.application.port.out.AgentEvent.AdoptionOverdue;
import io.ipseckeyagent.application.port.out.AgentEvent.JitterChosen;
import io.ipseckeyagent.application.port.out.AgentEvent.KeyPublished;
import io.ipseckeyagent.application.port.out.AgentEvent.KeysApplied;
import io.ipseckeyagent.application.port.out.PublishOutcome;
import io.ipseckeyagent.adapters.inmemory.InMemoryDatapath;
import io.ipseckeyagent.domain.jitter.JitterPolicy;
import io.ipseckeyagent.domain.jitter.JitterSettings;
import io.ipseckeyagent.domain.jitter.RetryBackoff;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;

/**
 * Properties over random sequences of key file writes, spurious change signals and waits, on
 * virtual time with fixed seeds. Each int of a sequence is one step (see {@link Script#step}).
 */
class RotationServicePropertiesTest {
    private static final String INITIAL = aead(3, 0);
    private static final String INVALID = "0+ rfc4106(gcm(aes)) 00 128\n";
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Duration BUDGET = Duration.ofSeconds(30);

    private static QuickTheory theory() {
        return qt().withFixedSeed(20261124L).withExamples(300).withShrinkCycles(100);
    }

    /** Defaults, or a jitterMax so large that the cap bites (4m25s). */
    private static AgentSettings settings(boolean capped) {
        JitterSettings jitter = JitterSettings.of(true, WINDOW, capped ? Option.some(Duration.ofMinutes(10)) : Option.none(),
                Duration.ofSeconds(5), BUDGET);
        return AgentSettings.of(TestAgent.NODE, "c1", jitter, JitterPolicy.uniform(), RetryBackoff.DEFAULT)
                .getOrElseThrow(() -> new AssertionError("valid settings"));
    }

    /** Plays the steps against an agent and remembers every file content written. */
    private static final class Script {
        final TestAgent agent;
        List<String> validWritten = List.of(INITIAL);
        String current = INITIAL;
        int nextSpi = 4;

        Script(TestAgent agent) {
            this.agent = agent;
        }

        void run(java.util.List<Integer> steps) {
            agent.keyFile.write(INITIAL);
            agent.service.start();
            steps.forEach(this::step);
            agent.time.runUntilIdle(5_000_000);
        }

        /** 0-3: a new valid key (new SPI); 4-5: an invalid file; 6: a signal without a change; 7-9: a wait. */
        void step(int value) {
            int kind = value % 10;
            if (kind <= 3 && validWritten.size() < 14) {
                current = aead(nextSpi, value + 1_000L * validWritten.size());
                nextSpi = nextSpi == Spi.MAX ? Spi.MIN : nextSpi + 1;
                validWritten = validWritten.append(current);
                agent.rewrite(current);
            } else if (kind <= 5) {
                current = INVALID;
                agent.rewrite(current);
            } else if (kind == 6) {
                agent.service.keyFileChanged();
            } else {
                agent.time.advance(kind == 7 ? Duration.ofMillis(value / 10 * 10L) : Duration.ofSeconds(value / 10 * 2L));
            }
        }

        List<Spi> validSpis() {
            return validWritten.map(content -> keys(content).activeSpi());
        }
    }

    @Test
    void withAPublisherThatAnswersWithinTheBudgetEveryBurstGivesAtMostOneApplyAndOnePublishWithinTheDeadline() {
        theory().forAll(lists().of(integers().between(0, 999)).ofSizeBetween(1, 40), longs().between(0, 1_000),
                integers().between(0, (int) BUDGET.toMillis()), booleans().all())
                .checkAssert((steps, seed, latencyMillis, capped) -> {
                    AgentSettings settings = settings(capped);
                    TestAgent agent = new TestAgent(settings, seed, new InMemoryDatapath());
                    agent.publisher.answerAfter(agent.time, Duration.ofMillis(latencyMillis));
                    Script script = new Script(agent);

                    script.run(steps);

                    List<AgentEvent> events = agent.events.all();
                    delaysStayWithinTheEffectiveMaximum(events, settings);
                    eachWaitLeadsToAtMostOneApplyAndOnePublish(events);
                    onlyTheAppliedValidKeyIsEverPublished(events, script);
                    theLatestValidContentWins(script);
                    assertThat(agent.events.ofType(AdoptionOverdue.class)).isEmpty();
                    agent.events.ofType(KeyPublished.class).forEach(published ->
                            assertThat(published.sinceDetected()).isLessThan(WINDOW));
                });
    }

    @Test
    void withAFlakyPublisherNothingInvalidIsPublishedAndTheLatestValidContentWinsInTheEnd() {
        theory().forAll(lists().of(integers().between(0, 999)).ofSizeBetween(1, 40), longs().between(0, 1_000),
                lists().of(integers().between(0, 4)).ofSizeBetween(0, 12), booleans().all())
                .checkAssert((steps, seed, failures, capped) -> {
                    AgentSettings settings = settings(capped);
                    TestAgent agent = new TestAgent(settings, seed, new InMemoryDatapath());
                    agent.publisher.answerAfter(agent.time, Duration.ofSeconds(1));
                    agent.publisher.answerNext(failures.stream().map(RotationServicePropertiesTest::failure)
                            .toArray(PublishOutcome[]::new));
                    Script script = new Script(agent);

                    script.run(steps);

                    List<AgentEvent> events = agent.events.all();
                    delaysStayWithinTheEffectiveMaximum(events, settings);
                    onlyTheAppliedValidKeyIsEverPublished(events, script);
                    assertThat(agent.publisher.attempts()).allMatch(spi -> script.validSpis().contains(spi));
                    theLatestValidContentWins(script);
                });
    }

    private static PublishOutcome failure(int kind) {
        return List.<PublishOutcome>of(new PublishOutcome.Failed("503"), new PublishOutcome.Conflict("409"),
                new PublishOutcome.NotFound("404"), new PublishOutcome.Forbidden("403"),
                new PublishOutcome.RetryAfter(Duration.ofSeconds(5), "429")).get(kind);
    }

    private static void delaysStayWithinTheEffectiveMaximum(List<AgentEvent> events, AgentSettings settings) {
        Duration max = settings.jitter().max();
        events.filter(JitterChosen.class::isInstance).map(JitterChosen.class::cast).forEach(jitter -> {
            assertThat(jitter.delay()).isBetween(Duration.ZERO, jitter.max());
            assertThat(jitter.max()).isLessThanOrEqualTo(max);
            // the load comes no later than detection + max, whatever delayed the wait's start
            assertThat(jitter.fireAt()).isBeforeOrEqualTo(jitter.deadline().minus(WINDOW).plus(max));
        });
    }

    /** Split the events at each jitter draw: each piece holds at most one apply and one publish. */
    private static void eachWaitLeadsToAtMostOneApplyAndOnePublish(List<AgentEvent> events) {
        List<List<AgentEvent>> pieces = List.of(List.empty());
        for (AgentEvent event : events) {
            pieces = event instanceof JitterChosen
                    ? pieces.append(List.of(event))
                    : pieces.init().append(pieces.last().append(event));
        }
        pieces.forEach(piece -> {
            assertThat(piece.count(KeysApplied.class::isInstance)).isLessThanOrEqualTo(1);
            assertThat(piece.count(KeyPublished.class::isInstance)).isLessThanOrEqualTo(1);
        });
    }

    /** Every publish is of the key applied just before it, which came from a valid file. */
    private static void onlyTheAppliedValidKeyIsEverPublished(List<AgentEvent> events, Script script) {
        Option<Spi> applied = Option.none();
        for (AgentEvent event : events) {
            if (event instanceof KeysApplied keys) {
                applied = Option.some(keys.applied().activeSpi());
            } else if (event instanceof KeyPublished published) {
                assertThat(Option.some(published.spi())).isEqualTo(applied);
                assertThat(script.validSpis()).contains(published.spi());
            }
        }
    }

    private static void theLatestValidContentWins(Script script) {
        if (!script.current.equals(INVALID)) {
            TestAgent agent = script.agent;
            assertThat(agent.datapath.current().map(keys -> keys.active().fingerprint()))
                    .contains(activeFingerprint(script.current));
            assertThat(agent.publisher.publishedSpi())
                    .isEqualTo(agent.datapath.current().map(keys -> keys.activeSpi()));
        }
    }
}
