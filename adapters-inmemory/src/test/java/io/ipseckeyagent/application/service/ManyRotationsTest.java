package io.ipseckeyagent.application.service;

import static io.ipseckeyagent.testkit.KeyFiles.aead;
import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.application.port.out.AgentEvent.KeyPublished;
import io.ipseckeyagent.application.port.out.AgentEventsPort;
import io.ipseckeyagent.adapters.inmemory.InMemoryClusterView;
import io.ipseckeyagent.adapters.inmemory.InMemoryDatapath;
import io.ipseckeyagent.adapters.inmemory.InMemoryKeyFileSource;
import io.ipseckeyagent.adapters.inmemory.InMemoryNodeKeyPublisher;
import io.ipseckeyagent.adapters.inmemory.SeededRandom;
import io.ipseckeyagent.adapters.inmemory.VirtualTime;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Many services on one virtual clock in one thread, as the fleet simulator will run them, and many
 * seeds against the deadline. No sleeps: all of it runs in virtual time.
 */
class ManyRotationsTest {
    private static final Duration WINDOW = Duration.ofMinutes(5);

    @Test
    void tenThousandAgentsOnOneClockSpreadTheirPublishesOverTheJitterWindow() {
        VirtualTime time = new VirtualTime();
        SeededRandom random = new SeededRandom(42);
        List<KeyPublished> published = new ArrayList<>();
        AgentEventsPort events = event -> {
            if (event instanceof KeyPublished p) {
                published.add(p);
            }
        };
        InMemoryClusterView cluster = InMemoryClusterView.empty();
        List<InMemoryKeyFileSource> files = new ArrayList<>();
        List<RotationService> services = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            InMemoryKeyFileSource file = new InMemoryKeyFileSource();
            file.write(aead(3, 1));
            InMemoryNodeKeyPublisher publisher = new InMemoryNodeKeyPublisher();
            publisher.answerAfter(time, Duration.ofMillis(50));
            RotationService service = new RotationService(AgentSettings.defaults(NodeName.of("node-" + i)), file,
                    new InMemoryDatapath(), publisher, cluster, time, time, random, events);
            service.start();
            files.add(file);
            services.add(service);
        }
        time.runUntilIdle();
        published.clear();

        Instant secretChanged = time.now();
        for (int i = 0; i < files.size(); i++) {
            files.get(i).write(aead(4, 2));
            services.get(i).keyFileChanged();
        }
        time.runUntilIdle();

        assertThat(published).hasSize(10_000).allMatch(p -> p.spi().equals(Spi.of(4)));
        int[] perTenSeconds = new int[16];
        published.forEach(p -> perTenSeconds[(int) (Duration.between(secretChanged, p.at()).toSeconds() / 10)]++);
        // 150s of jitter in 10s buckets: about 667 publishes each, never a herd
        for (int bucket = 0; bucket < 15; bucket++) {
            assertThat(perTenSeconds[bucket]).isBetween(550, 800);
        }
        assertThat(published).allMatch(p -> p.sinceDetected().compareTo(Duration.ofSeconds(151)) < 0);
    }

    @Test
    void withDefaultSettingsEveryRotationFinishesInTheWindowWhenPublishingTakesTheWholeBudget() {
        for (long seed = 0; seed < 1_000; seed++) {
            TestAgent agent = new TestAgent(seed);
            agent.publisher.answerAfter(agent.time, Duration.ofSeconds(30));
            agent.startedOn(aead(3, 1));

            agent.rewrite(aead(4, 2));
            agent.time.advance(Duration.ofSeconds(seed % 200)); // sometimes while publishing SPI 4
            agent.rewrite(aead(5, 3));
            agent.time.runUntilIdle();

            assertThat(agent.publisher.publishedSpi()).contains(Spi.of(5));
            assertThat(agent.events.ofType(AgentEvent.AdoptionOverdue.class)).isEmpty();
            agent.events.ofType(KeyPublished.class).forEach(p ->
                    assertThat(p.sinceDetected()).isLessThan(WINDOW));
        }
    }

    @Test
    void oneAgentRotatesTenThousandTimes() {
        TestAgent agent = new TestAgent(7).startedOn(aead(3, 1));
        int spi = 3;
        for (int i = 0; i < 10_000; i++) {
            spi = spi == Spi.MAX ? Spi.MIN : spi + 1;
            agent.rewrite(aead(spi, i));
            agent.time.runUntilIdle();
        }

        assertThat(agent.events.count(KeyPublished.class)).isEqualTo(10_000);
        assertThat(agent.publisher.publishedSpi()).contains(Spi.of(spi));
    }
}
