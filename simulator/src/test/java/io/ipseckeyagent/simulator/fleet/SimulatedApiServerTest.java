package io.ipseckeyagent.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.application.port.out.NodeKeyPublisherPort.PublishedKeyLookup;
import io.ipseckeyagent.application.port.out.PublishOutcome;
import io.ipseckeyagent.adapters.inmemory.VirtualTime;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class SimulatedApiServerTest {
    private static final NodeName A = NodeName.of("node-a");
    private static final NodeName B = NodeName.of("node-b");

    private final VirtualTime time = new VirtualTime();
    private final Instant start = time.now();
    // 10 writes/s: one every 100ms; 2 may wait; answers 20ms after the commit
    private final SimulatedApiServer api = new SimulatedApiServer(time,
            new ApiServerModel(10, 2, Duration.ofMillis(20), Duration.ofSeconds(1)));

    @Test
    void writesAreCommittedOneAfterAnotherAtTheServersRateAndAnsweredAfterTheLatency() {
        List<Instant> answered = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            api.publish(A, Spi.of(4)).thenRun(() -> answered.add(time.now()));
        }
        time.runUntilIdle();

        assertThat(answered).containsExactly(at(120), at(220), at(320));
        assertThat(api.writes().perSecond()).containsExactly(3);
        assertThat(api.keyOf(A)).contains(Spi.of(4));
    }

    @Test
    void aWriteThatFindsTheQueueFullIsAnswered429WithRetryAfter() {
        List<CompletionStage<PublishOutcome>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(api.publish(A, Spi.of(4)));
        }
        time.runUntilIdle();

        assertThat(answers.get(3).toCompletableFuture().join())
                .isEqualTo(new PublishOutcome.RetryAfter(Duration.ofSeconds(1), "too many requests (HTTP 429 on patch CiliumNode)"));
        assertThat(api.tooManyRequests()).isEqualTo(1);
        assertThat(api.requests().size()).isEqualTo(4);
        assertThat(api.writes().size()).isEqualTo(3);
    }

    @Test
    void duringAnOutageEveryWriteIsAnswered500AndNothingIsStored() {
        api.failUntil(at(1_000));
        CompletionStage<PublishOutcome> during = api.publish(A, Spi.of(4));
        time.advance(Duration.ofSeconds(1));
        CompletionStage<PublishOutcome> after = api.publish(B, Spi.of(4));
        time.runUntilIdle();

        assertThat(during.toCompletableFuture().join()).isInstanceOf(PublishOutcome.Failed.class);
        assertThat(after.toCompletableFuture().join()).isEqualTo(new PublishOutcome.Published());
        assertThat(api.keyOf(A)).isEmpty();
        assertThat(api.serverErrors()).isEqualTo(1);
    }

    @Test
    void watchersSeeEachWriteWhenItIsCommittedAndLookupsAreNotWrites() {
        api.store(A, Spi.of(3));
        List<String> seen = new ArrayList<>();
        api.onWrite((node, spi) -> seen.add(node + "=" + spi + "@" + Duration.between(start, time.now()).toMillis()));

        CompletionStage<PublishedKeyLookup> lookup = api.publishedKey(A);
        api.publish(B, Spi.of(4));
        time.runUntilIdle();

        assertThat(lookup.toCompletableFuture().join()).isEqualTo(new PublishedKeyLookup.Found(Option.some(Spi.of(3))));
        assertThat(seen).containsExactly("node-b=4@100");
        assertThat(api.nodesCarrying(Spi.of(4))).isEqualTo(1);
    }

    private Instant at(long millis) {
        return start.plusMillis(millis);
    }
}
