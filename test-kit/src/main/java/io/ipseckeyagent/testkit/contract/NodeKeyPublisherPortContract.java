package io.ipseckeyagent.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.application.port.out.NodeKeyPublisherPort;
import io.ipseckeyagent.application.port.out.NodeKeyPublisherPort.PublishedKeyLookup;
import io.ipseckeyagent.application.port.out.PublishOutcome;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * What every {@link NodeKeyPublisherPort} promises. Extend it with a fresh "server" per test (a
 * mock API server, an in-memory map) and implement the hooks; the publisher must use its default
 * settings (in particular, it must not create missing nodes).
 */
public abstract class NodeKeyPublisherPortContract {

    /** The publisher under test, talking to this test's server. */
    protected abstract NodeKeyPublisherPort publisher();

    /** Puts a node on the server publishing {@code key} (none: the node carries no key). */
    protected abstract void givenNode(NodeName node, Option<Spi> key);

    /** The key the server holds for {@code node} now (none when it holds none), read behind the publisher's back. */
    protected abstract Option<Spi> keyOnServer(NodeName node);

    /** Makes the next publish for {@code node} fail as a server error would; later attempts succeed. */
    protected abstract void failNextPublishFor(NodeName node);

    /** Makes the next lookup of {@code node}'s key fail as a server error would; later lookups succeed. */
    protected abstract void failNextLookupFor(NodeName node);

    /** How many attempts (requests) have reached the server so far, counting every kind. */
    protected abstract int attemptsSeenByServer();

    /** How long a stage may take to complete against this server. */
    protected Duration completionTimeout() {
        return Duration.ofSeconds(10);
    }

    private static final NodeName NODE = NodeName.of("node-a");
    private static final NodeName OTHER = NodeName.of("node-b");

    @Test
    void publishedKeyReturnsWhatWasPublished() {
        givenNode(NODE, Option.none());

        assertThat(completed(publisher().publish(NODE, Spi.of(3)))).isEqualTo(new PublishOutcome.Published());

        assertThat(keyOnServer(NODE)).isEqualTo(Option.some(Spi.of(3)));
        assertThat(completed(publisher().publishedKey(NODE))).isEqualTo(new PublishedKeyLookup.Found(Option.some(Spi.of(3))));
    }

    @Test
    void aNewKeyReplacesTheOldOneAndLeavesOtherNodesAlone() {
        givenNode(NODE, Option.some(Spi.of(15)));
        givenNode(OTHER, Option.some(Spi.of(15)));

        assertThat(completed(publisher().publish(NODE, Spi.of(1)))).isEqualTo(new PublishOutcome.Published());

        assertThat(keyOnServer(NODE)).isEqualTo(Option.some(Spi.of(1)));
        assertThat(keyOnServer(OTHER)).isEqualTo(Option.some(Spi.of(15)));
    }

    @Test
    void publishingTheSameKeyAgainIsHarmless() {
        givenNode(NODE, Option.some(Spi.of(4)));

        assertThat(completed(publisher().publish(NODE, Spi.of(4)))).isEqualTo(new PublishOutcome.Published());

        assertThat(keyOnServer(NODE)).isEqualTo(Option.some(Spi.of(4)));
    }

    @Test
    void aNodeWithoutAKeyIsFoundPublishingNone() {
        givenNode(NODE, Option.none());

        assertThat(completed(publisher().publishedKey(NODE))).isEqualTo(new PublishedKeyLookup.Found(Option.none()));
    }

    @Test
    void publishingForAMissingNodeIsNotFoundAndCreatesNothing() {
        PublishOutcome outcome = completed(publisher().publish(NODE, Spi.of(3)));

        assertThat(outcome).isInstanceOf(PublishOutcome.NotFound.class);
        assertThat(((PublishOutcome.NotFound) outcome).reason()).contains(NODE.value());
        assertThat(completed(publisher().publishedKey(NODE)))
                .isInstanceOfSatisfying(PublishedKeyLookup.Failed.class,
                        failed -> assertThat(failed.outcome()).isInstanceOf(PublishOutcome.NotFound.class));
    }

    @Test
    void onePublishIsOneAttempt() {
        givenNode(NODE, Option.none());
        int before = attemptsSeenByServer();

        completed(publisher().publish(NODE, Spi.of(5)));

        assertThat(attemptsSeenByServer() - before).isEqualTo(1);
    }

    @Test
    void aFailedAttemptIsReportedNotRetried() {
        givenNode(NODE, Option.some(Spi.of(2)));
        failNextPublishFor(NODE);
        int before = attemptsSeenByServer();

        PublishOutcome outcome = completed(publisher().publish(NODE, Spi.of(3)));

        assertThat(outcome).isNotEqualTo(new PublishOutcome.Published());
        assertThat(attemptsSeenByServer() - before).as("attempts for one call").isEqualTo(1);
        assertThat(keyOnServer(NODE)).isEqualTo(Option.some(Spi.of(2)));

        assertThat(completed(publisher().publish(NODE, Spi.of(3)))).as("the next call").isEqualTo(new PublishOutcome.Published());
        assertThat(keyOnServer(NODE)).isEqualTo(Option.some(Spi.of(3)));
    }

    @Test
    void aFailedLookupIsReportedNotRetried() {
        givenNode(NODE, Option.some(Spi.of(2)));
        failNextLookupFor(NODE);
        int before = attemptsSeenByServer();

        PublishedKeyLookup lookup = completed(publisher().publishedKey(NODE));

        assertThat(lookup).isInstanceOf(PublishedKeyLookup.Failed.class);
        assertThat(attemptsSeenByServer() - before).as("attempts for one call").isEqualTo(1);
        assertThat(completed(publisher().publishedKey(NODE))).isEqualTo(new PublishedKeyLookup.Found(Option.some(Spi.of(2))));
    }

    private <T> T completed(CompletionStage<T> stage) {
        return Completion.completed(stage, completionTimeout(), () -> "the stage did not complete within " + completionTimeout());
    }
}
