package io.ipseckeyagent.adapters.k8s;

import io.ipseckeyagent.standins.MockApiServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.ipseckeyagent.application.port.out.NodeKeyPublisherPort;
import io.ipseckeyagent.application.port.out.NodeKeyPublisherPort.PublishedKeyLookup;
import io.ipseckeyagent.application.port.out.PublishOutcome;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The publisher against fabric8's mock API server over real HTTP: what it sends, and how it reads every answer. */
class CiliumNodePublisherTest {
    private static final NodeName NODE = NodeName.of("node-a");
    private static final String NODE_PATH = MockApiServer.NODES_PATH + "/node-a";
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private final MockApiServer api = new MockApiServer();
    private final NodeKeyPublisherPort publisher = publisherOn(api.newClient(), false);

    @AfterEach
    void stopServer() {
        api.close();
    }

    @Test
    void publishingSendsOneMergePatchOfTheKeyAndNothingElse() {
        api.createNode(NODE, Option.some(Spi.of(2)));
        int before = api.requestCount();

        assertThat(outcomeOf(publisher.publish(NODE, Spi.of(3)))).isEqualTo(new PublishOutcome.Published());

        assertThat(api.requestCount() - before).as("requests per publish").isEqualTo(1);
        MockApiServer.Request patch = api.lastRequest();
        assertThat(patch.method()).isEqualTo("PATCH");
        assertThat(patch.path()).isEqualTo(NODE_PATH);
        assertThat(patch.contentType()).startsWith("application/merge-patch+json");
        assertThat(patch.body()).isEqualTo("{\"spec\":{\"encryption\":{\"key\":3}}}");
        assertThat(api.keyOf(NODE)).isEqualTo(Option.some(Spi.of(3)));
    }

    @Test
    void aWatcherInAnotherClientSeesTheNewKey() {
        api.createNode(NODE, Option.none());
        List<String> events = new CopyOnWriteArrayList<>();
        // Left open: the server stops first (see MockApiServer#close), then the client closes it.
        api.newClient().genericKubernetesResources(CiliumNodes.CONTEXT).withName(NODE.value()).watch(recordingInto(events));

        outcomeOf(publisher.publish(NODE, Spi.of(7)));

        await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("MODIFIED key=7"));
    }

    @Test
    void theFetchedKeyIsTheOnePublished() {
        api.createNode(NODE, Option.some(Spi.of(9)));

        assertThat(lookupOf(publisher.publishedKey(NODE))).isEqualTo(new PublishedKeyLookup.Found(Option.some(Spi.of(9))));
    }

    @Test
    void tooManyRequestsWithRetryAfterSecondsAsksToWaitThatLong() {
        api.expect().patch().withPath(NODE_PATH).andReturn(429, status(429, "slow down")).withHeader("Retry-After", "2").once();

        PublishOutcome outcome = outcomeOf(publisher.publish(NODE, Spi.of(3)));

        assertThat(outcome).isInstanceOfSatisfying(PublishOutcome.RetryAfter.class, retry -> {
            assertThat(retry.delay()).isEqualTo(Duration.ofSeconds(2));
            assertThat(retry.reason()).contains("429");
        });
    }

    @Test
    void unavailableWithRetryAfterDateAsksToWaitUntilThen() {
        api.expect().patch().withPath(NODE_PATH).andReturn(503, "").withHeader("Retry-After", "Tue, 24 Nov 2026 10:00:30 GMT").once();

        PublishOutcome outcome = outcomeOf(publisher.publish(NODE, Spi.of(3)));

        assertThat(outcome).isInstanceOfSatisfying(PublishOutcome.RetryAfter.class,
                retry -> assertThat(retry.delay()).isEqualTo(Duration.ofSeconds(30)));
    }

    @Test
    void tooManyRequestsWithoutRetryAfterIsAPlainFailure() {
        api.expect().patch().withPath(NODE_PATH).andReturn(429, status(429, "slow down")).once();

        assertThat(outcomeOf(publisher.publish(NODE, Spi.of(3)))).isInstanceOf(PublishOutcome.Failed.class);
    }

    @Test
    void aServerErrorFailsAfterOneRequestAlthoughTheClientWouldRetry() {
        api.createNode(NODE, Option.none());
        api.expect().patch().withPath(NODE_PATH).andReturn(500, status(500, "etcd is sad")).times(3);
        int before = api.requestCount();

        List<PublishOutcome> outcomes = List.of(
                outcomeOf(publisher.publish(NODE, Spi.of(3))),
                outcomeOf(publisher.publish(NODE, Spi.of(3))),
                outcomeOf(publisher.publish(NODE, Spi.of(3))),
                outcomeOf(publisher.publish(NODE, Spi.of(3))));

        assertThat(outcomes.subList(0, 3)).allSatisfy(outcome -> assertThat(outcome)
                .isInstanceOfSatisfying(PublishOutcome.Failed.class,
                        failed -> assertThat(failed.reason()).contains("HTTP 500").contains("etcd is sad")));
        assertThat(outcomes.get(3)).isEqualTo(new PublishOutcome.Published());
        assertThat(api.requestCount() - before).as("one request per call").isEqualTo(4);
        assertThat(api.keyOf(NODE)).isEqualTo(Option.some(Spi.of(3)));
    }

    @Test
    void aConflictIsAConflict() {
        api.expect().patch().withPath(NODE_PATH).andReturn(409, status(409, "the object has been modified")).once();

        assertThat(outcomeOf(publisher.publish(NODE, Spi.of(3)))).isInstanceOf(PublishOutcome.Conflict.class);
    }

    @Test
    void forbiddenNamesTheMissingVerbAndResource() {
        api.expect().patch().withPath(NODE_PATH).andReturn(403, status(403, "cannot patch resource")).once();

        PublishOutcome outcome = outcomeOf(publisher.publish(NODE, Spi.of(3)));

        assertThat(outcome).isInstanceOfSatisfying(PublishOutcome.Forbidden.class, forbidden -> assertThat(forbidden.reason())
                .contains("'patch'").contains("'ciliumnodes.cilium.io'").contains("docs/guides/rbac.md"));
    }

    @Test
    void aMissingNodeIsNotFoundSayingWhoCreatesIt() {
        PublishOutcome outcome = outcomeOf(publisher.publish(NODE, Spi.of(3)));

        assertThat(outcome).isInstanceOfSatisfying(PublishOutcome.NotFound.class, notFound -> assertThat(notFound.reason())
                .contains("CiliumNode node-a does not exist").contains("Cilium creates it"));
        assertThat(api.node(NODE)).isEmpty();
    }

    @Test
    void withCreatingOnAMissingNodeIsCreatedWithTheKey() {
        NodeKeyPublisherPort creating = publisherOn(api.newClient(), true);

        assertThat(outcomeOf(creating.publish(NODE, Spi.of(3)))).isEqualTo(new PublishOutcome.Published());

        assertThat(api.keyOf(NODE)).isEqualTo(Option.some(Spi.of(3)));
        assertThat(api.node(NODE).map(GenericKubernetesResource::getKind)).contains("CiliumNode");
    }

    @Test
    void withCreatingAnExistingNodeIsOnlyPatched() {
        api.createNode(NODE, Option.none());
        NodeKeyPublisherPort creating = publisherOn(api.newClient(), true);
        int before = api.requestCount();

        assertThat(outcomeOf(creating.publish(NODE, Spi.of(3)))).isEqualTo(new PublishOutcome.Published());

        assertThat(api.requestCount() - before).isEqualTo(1);
    }

    @Test
    void forbiddenToCreateNamesTheCreateVerb() {
        api.expect().post().withPath(MockApiServer.NODES_PATH).andReturn(403, status(403, "cannot create")).once();
        NodeKeyPublisherPort creating = publisherOn(api.newClient(), true);

        assertThat(outcomeOf(creating.publish(NODE, Spi.of(3)))).isInstanceOfSatisfying(PublishOutcome.Forbidden.class,
                forbidden -> assertThat(forbidden.reason()).contains("'create'").contains("'ciliumnodes.cilium.io'"));
    }

    @Test
    void aStoppedServerFailsThePublishAndARestartedOneTakesTheNextAttempt() {
        api.createNode(NODE, Option.some(Spi.of(1)));
        api.stop();

        PublishOutcome whileDown = outcomeOf(publisher.publish(NODE, Spi.of(2)));
        api.startAgain();
        PublishOutcome afterRestart = outcomeOf(publisher.publish(NODE, Spi.of(2)));

        assertThat(whileDown).isInstanceOfSatisfying(PublishOutcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("no answer from the API server"));
        assertThat(afterRestart).isEqualTo(new PublishOutcome.Published());
        assertThat(api.keyOf(NODE)).isEqualTo(Option.some(Spi.of(2)));
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                        .withMasterUrl("http://127.0.0.1:" + silent.getLocalPort() + "/").build()).build()) {
            NodeKeyPublisherPort impatient = new CiliumNodePublisher(client, Duration.ofMillis(200), false, Clock.systemUTC());

            assertThat(outcomeOf(impatient.publish(NODE, Spi.of(3)))).isInstanceOfSatisfying(PublishOutcome.Failed.class,
                    failed -> assertThat(failed.reason()).contains("timed out"));
            assertThat(lookupOf(impatient.publishedKey(NODE))).isInstanceOf(PublishedKeyLookup.Failed.class);
        }
    }

    @Test
    void aClosedClientGivesAFailedOutcomeNotAnException() {
        KubernetesClient client = api.newClient();
        NodeKeyPublisherPort closed = publisherOn(client, false);
        client.close();

        assertThat(outcomeOf(closed.publish(NODE, Spi.of(3)))).isInstanceOf(PublishOutcome.Failed.class);
        assertThat(lookupOf(closed.publishedKey(NODE))).isInstanceOf(PublishedKeyLookup.Failed.class);
    }

    @Test
    void aKeyOutOfRangeIsABadAnswerNamingNodeAndField() {
        api.createNode(NODE, Option.none());
        api.setKeyField(NODE, 99);

        assertThat(lookupOf(publisher.publishedKey(NODE))).isEqualTo(new PublishedKeyLookup.Failed(new PublishOutcome.Failed(
                "CiliumNode node-a: spec.encryption.key must be an integer from 0 to 15, was 99")));
    }

    @Test
    void aKeyThatIsNotANumberIsABadAnswer() {
        api.createNode(NODE, Option.none());
        api.setKeyField(NODE, "three");

        assertThat(lookupOf(publisher.publishedKey(NODE))).isInstanceOfSatisfying(PublishedKeyLookup.Failed.class,
                failed -> assertThat(failed.outcome()).isEqualTo(new PublishOutcome.Failed(
                        "CiliumNode node-a: spec.encryption.key must be an integer from 0 to 15, was 'three'")));
    }

    @Test
    void aZeroKeyMeansNoKey() {
        api.createNode(NODE, Option.none());
        api.setKeyField(NODE, 0);

        assertThat(lookupOf(publisher.publishedKey(NODE))).isEqualTo(new PublishedKeyLookup.Found(Option.none()));
    }

    @Test
    void anAnswerThatIsNotJsonIsABadAnswer() {
        api.expect().get().withPath(NODE_PATH).andReturn(200, "<html>proxy login</html>").once();

        assertThat(lookupOf(publisher.publishedKey(NODE))).isInstanceOfSatisfying(PublishedKeyLookup.Failed.class,
                failed -> assertThat(failed.outcome()).isInstanceOfSatisfying(PublishOutcome.Failed.class,
                        reason -> assertThat(reason.reason()).contains("node-a").contains("not a CiliumNode")));
    }

    @Test
    void aForbiddenLookupNamesTheGetVerb() {
        api.expect().get().withPath(NODE_PATH).andReturn(403, status(403, "cannot get")).once();

        assertThat(lookupOf(publisher.publishedKey(NODE))).isInstanceOfSatisfying(PublishedKeyLookup.Failed.class,
                failed -> assertThat(failed.outcome()).isInstanceOfSatisfying(PublishOutcome.Forbidden.class,
                        forbidden -> assertThat(forbidden.reason()).contains("'get'").contains("'ciliumnodes.cilium.io'")));
    }

    private static NodeKeyPublisherPort publisherOn(KubernetesClient client, boolean createMissingNode) {
        return new CiliumNodePublisher(client, Duration.ofSeconds(5), createMissingNode, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static String status(int code, String message) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":" + code
                + ",\"message\":\"" + message + "\"}";
    }

    private static PublishOutcome outcomeOf(CompletionStage<PublishOutcome> stage) {
        return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static PublishedKeyLookup lookupOf(CompletionStage<PublishedKeyLookup> stage) {
        return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static Watcher<GenericKubernetesResource> recordingInto(List<String> events) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, GenericKubernetesResource resource) {
                events.add(action + " key=" + resource.get("spec", "encryption", "key"));
            }

            @Override
            public void onClose(WatcherException cause) {}
        };
    }
}
