package io.ipseckeyagent.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.application.port.out.KeyAdoptionPort;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What every {@link KeyAdoptionPort} promises. Extend it with a fresh "server" per test; nodes are
 * given with {@link #publishes} before the first call of {@link #adoption()}, which then returns
 * the port, started, for {@link #ownNode()}. A port fed by a watch lags behind, so assertions wait
 * up to {@link #settleTimeout()}.
 */
public abstract class KeyAdoptionPortContract {

    /** The port under test for {@link #ownNode()}, started on first call (after the nodes given so far). */
    protected abstract KeyAdoptionPort adoption();

    /** The node this agent runs on. */
    protected abstract NodeName ownNode();

    /** Makes {@code node} publish {@code key} (creating the node if needed), as its cilium-agent would. */
    protected abstract void publishes(NodeName node, Option<Spi> key);

    protected Duration settleTimeout() {
        return Duration.ofSeconds(10);
    }

    private static final NodeName OTHER = NodeName.of("node-other");

    @Test
    void completesOnceTheOwnNodePublishesTheSpi() {
        publishes(ownNode(), Option.some(Spi.of(2)));
        CompletionStage<Spi> adopted = adoption().adoption(Spi.of(3));
        eventually(() -> adoption().publishedKey().equals(Option.some(Spi.of(2))));
        assertThat(adopted.toCompletableFuture()).as("not adopted yet").isNotDone();

        publishes(ownNode(), Option.some(Spi.of(3)));

        assertThat(completed(adopted)).isEqualTo(Spi.of(3));
        assertThat(adoption().publishedKey()).isEqualTo(Option.some(Spi.of(3)));
    }

    @Test
    void aKeyAlreadyPublishedIsAdoptedAtOnce() {
        publishes(ownNode(), Option.some(Spi.of(5)));
        eventually(() -> adoption().publishedKey().equals(Option.some(Spi.of(5))));

        assertThat(completed(adoption().adoption(Spi.of(5)))).isEqualTo(Spi.of(5));
    }

    @Test
    void anotherNodePublishingTheSpiDoesNotCount() {
        publishes(ownNode(), Option.some(Spi.of(2)));
        publishes(OTHER, Option.some(Spi.of(2)));
        CompletionStage<Spi> adopted = adoption().adoption(Spi.of(3));

        publishes(OTHER, Option.some(Spi.of(3)));
        publishes(ownNode(), Option.some(Spi.of(4))); // seen after the other node's change, if that was seen at all
        eventually(() -> adoption().publishedKey().equals(Option.some(Spi.of(4))));

        assertThat(adopted.toCompletableFuture()).as("adopted by another node").isNotDone();
    }

    @Test
    void aNodeThatPublishesNoKeyIsSeenPublishingNone() {
        publishes(ownNode(), Option.none());
        CompletionStage<Spi> adopted = adoption().adoption(Spi.of(1));
        publishes(ownNode(), Option.some(Spi.of(1)));

        assertThat(completed(adopted)).isEqualTo(Spi.of(1));
    }

    @Test
    void aCancelledWaitIsDroppedQuietly() {
        publishes(ownNode(), Option.some(Spi.of(2)));
        CompletableFuture<Spi> given = adoption().adoption(Spi.of(3)).toCompletableFuture();
        CompletionStage<Spi> kept = adoption().adoption(Spi.of(3));
        given.cancel(false);

        publishes(ownNode(), Option.some(Spi.of(3)));

        assertThat(completed(kept)).isEqualTo(Spi.of(3));
        assertThat(given).isCancelled();
    }

    private void eventually(Supplier<Boolean> done) {
        long deadline = System.nanoTime() + settleTimeout().toNanos();
        while (!done.get() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        assertThat(done.get()).as("within %s; the port last saw %s", settleTimeout(), adoption().publishedKey()).isTrue();
    }

    private <T> T completed(CompletionStage<T> stage) {
        return Completion.completed(stage, settleTimeout(), () -> "not adopted within " + settleTimeout() + "; the port last saw " + adoption().publishedKey());
    }
}
