package io.ipseckeyagent.adapters.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.adapters.inmemory.VirtualTime;
import io.ipseckeyagent.application.port.out.KeyAdoptionPort;
import io.ipseckeyagent.application.port.out.NodeKeyPublisherPort;
import io.ipseckeyagent.application.port.out.NodeKeyPublisherPort.PublishedKeyLookup;
import io.ipseckeyagent.application.port.out.PublishOutcome;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class AdoptionConfirmingPublisherTest {
    private static final NodeName SELF = NodeName.of("node-a");
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The own node as a watch would see it, by hand. */
    private static final class OwnNode implements KeyAdoptionPort {
        Option<Spi> published = Option.none();
        final List<CompletableFuture<Spi>> waits = new ArrayList<>();
        final List<Spi> wanted = new ArrayList<>();

        void publishes(Spi spi) {
            published = Option.some(spi);
            for (int i = 0; i < waits.size(); i++) {
                if (wanted.get(i).equals(spi)) {
                    waits.get(i).complete(spi);
                }
            }
        }

        @Override
        public CompletionStage<Spi> adoption(Spi spi) {
            CompletableFuture<Spi> wait = new CompletableFuture<>();
            waits.add(wait);
            wanted.add(spi);
            if (published.contains(spi)) {
                wait.complete(spi);
            }
            return wait;
        }

        @Override
        public Option<Spi> publishedKey() {
            return published;
        }
    }

    private final VirtualTime time = new VirtualTime();
    private final OwnNode node = new OwnNode();
    private final NodeKeyPublisherPort publisher = KubernetesAdapters.confirmingPublisher(node, SELF, time, WAIT);

    @Test
    void anAttemptCompletesPublishedOnceCiliumShowsTheSpi() {
        CompletableFuture<PublishOutcome> attempt = publisher.publish(SELF, Spi.of(4)).toCompletableFuture();
        time.advance(Duration.ofSeconds(7));
        assertThat(attempt).isNotDone();

        node.publishes(Spi.of(4));

        assertThat(attempt).isCompletedWithValue(new PublishOutcome.Published());
        assertThat(time.queued()).as("the wait's timer is cancelled").isZero();
    }

    @Test
    void anAttemptForAKeyAlreadyAdoptedCompletesAtOnce() {
        node.publishes(Spi.of(4));

        assertThat(publisher.publish(SELF, Spi.of(4)).toCompletableFuture()).isCompletedWithValue(new PublishOutcome.Published());
    }

    @Test
    void withoutAdoptionTheAttemptFailsAfterTheWaitSoTheCoreRetries() {
        CompletableFuture<PublishOutcome> attempt = publisher.publish(SELF, Spi.of(4)).toCompletableFuture();
        node.publishes(Spi.of(3)); // another key is not this one

        time.advance(WAIT.minusMillis(1));
        assertThat(attempt).isNotDone();
        time.advance(Duration.ofMillis(1));

        assertThat(attempt.join()).isInstanceOfSatisfying(PublishOutcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("SPI 4", "node-a", "1m"));
        assertThat(node.waits.getFirst()).as("the adoption wait is given up").isCancelled();
    }

    @Test
    void theLookupAnswersFromTheWatch() {
        assertThat(publisher.publishedKey(SELF).toCompletableFuture().join()).isEqualTo(new PublishedKeyLookup.Found(Option.none()));

        node.publishes(Spi.of(9));

        assertThat(publisher.publishedKey(SELF).toCompletableFuture().join())
                .isEqualTo(new PublishedKeyLookup.Found(Option.some(Spi.of(9))));
    }

    @Test
    void anotherNodeIsRefusedNotWaitedFor() {
        assertThat(publisher.publish(NodeName.of("node-b"), Spi.of(4)).toCompletableFuture().join())
                .isInstanceOf(PublishOutcome.Failed.class);
        assertThat(publisher.publishedKey(NodeName.of("node-b")).toCompletableFuture().join())
                .isInstanceOf(PublishedKeyLookup.Failed.class);
    }
}
