package io.ipseckeyagent.adapters.k8s;

import io.ipseckeyagent.standins.MockApiServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import io.ipseckeyagent.adapters.inmemory.VirtualTime;
import io.ipseckeyagent.application.port.out.AgentEvent;
import io.vavr.collection.Traversable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The watch on CiliumNodes against the mock API server. To show that something was NOT reported
 * without sleeping, each test ends with a later change that is reported (a barrier): the view
 * handles lists and events in order, so anything wrongly reported before it is in the list by then.
 */
class CiliumNodeObserverTest {
    private static final NodeName SELF = NodeName.of("node-a");
    private static final NodeName B = NodeName.of("node-b");
    private static final NodeName C = NodeName.of("node-c");

    private final MockApiServer api = new MockApiServer();
    private final RecordingRemoteNodes core = new RecordingRemoteNodes();
    private final VirtualTime time = new VirtualTime();
    private final List<Option<Spi>> ownKeys = new CopyOnWriteArrayList<>();
    private final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    private final CiliumNodeObserver observer = new CiliumNodeObserver(
            api.newClient(config -> KubernetesAdapters.tuned(config, KubernetesAdapters.ClientSettings.defaults())), core, SELF,
            new KubernetesAdapters.ViewReporting(ownKeys::add, events::add, time, time, Duration.ofSeconds(30)));

    @AfterEach
    void stop() {
        api.close(); // before the watch: see MockApiServer#close
        observer.close();
    }

    @Test
    void everyOtherNodeIsReportedOnceWhenFirstSeenAndTheOwnNodeIsOnlyTracked() {
        api.createNode(SELF, Option.some(Spi.of(2)));
        api.createNode(B, Option.some(Spi.of(3)));
        api.createNode(C, Option.none());

        started();

        assertThat(core.calls()).containsExactlyInAnyOrder("node-b key 3", "node-c key none");
        assertThat(observer.ownKey()).isEqualTo(Option.some(Option.some(Spi.of(2))));
        assertThat(observer.knownNodes()).containsExactly(SELF, B, C);
    }

    @Test
    void aKeyChangeIsReportedOnceAndOtherChangesAreNot() {
        api.createNode(B, Option.some(Spi.of(3)));
        api.createNode(C, Option.some(Spi.of(3)));
        started();

        api.setKeyField(B, 4);
        api.setLabel(B, "topology.kubernetes.io/zone", "z1");
        api.setKeyField(B, 4);
        api.setKeyField(C, 4);

        waiting().until(() -> core.calls().contains("node-c key 4"));
        assertThat(core.calls()).containsExactly("node-b key 3", "node-c key 3", "node-b key 4", "node-c key 4");
    }

    @Test
    void theOwnNodesKeyIsTrackedButNeverReported() {
        api.createNode(SELF, Option.some(Spi.of(2)));
        api.createNode(B, Option.some(Spi.of(2)));
        started();

        api.setKeyField(SELF, 3);
        api.setKeyField(B, 3);

        waiting().until(() -> core.calls().contains("node-b key 3"));
        assertThat(observer.ownKey()).isEqualTo(Option.some(Option.some(Spi.of(3))));
        assertThat(core.calls()).containsExactly("node-b key 2", "node-b key 3");
    }

    @Test
    void aDeletedNodeIsReportedAndLeavesTheView() {
        api.createNode(B, Option.some(Spi.of(3)));
        started();

        api.deleteNode(B);

        waiting().until(() -> core.calls().contains("node-b removed"));
        assertThat(observer.knownNodes()).containsExactly(SELF);
    }

    @Test
    void anInvalidKeyIsIgnoredAndTheNodeStaysKnown() {
        api.createNode(B, Option.some(Spi.of(3)));
        started();

        api.setKeyField(B, "three");
        api.setKeyField(B, 99);
        api.setKeyField(B, 3);
        api.setKeyField(B, 4);

        waiting().until(() -> core.calls().contains("node-b key 4"));
        assertThat(core.calls()).containsExactly("node-b key 3", "node-b key 4");
        assertThat(observer.knownNodes()).contains(B);
    }

    @Test
    void aNodeFirstSeenWithAnInvalidKeyIsKnownAndReportedOnceItsKeyIsValid() {
        api.createNode(B, Option.some(Spi.of(3)));
        api.setKeyField(B, "three");
        started();

        assertThat(observer.knownNodes()).contains(B);
        api.setKeyField(B, 5);

        waiting().until(() -> core.calls().contains("node-b key 5"));
        assertThat(core.calls()).containsExactly("node-b key 5");
    }

    @Test
    void aWatchExpiredWith410IsRelistedWithoutReportingEveryNodeAgain() {
        api.createNode(B, Option.some(Spi.of(3)));
        api.createNode(C, Option.some(Spi.of(3)));
        api.expireNextWatches(2);

        started();
        waiting().until(() -> api.listsServed() == 3 && api.watchesServed() == 1);
        api.setKeyField(C, 5);

        waiting().until(() -> core.calls().contains("node-c key 5"));
        assertThat(core.calls()).containsExactlyInAnyOrder("node-b key 3", "node-c key 3", "node-c key 5");
    }

    @Test
    void aWatchRequestAnsweredHttp410IsFollowedByAFreshList() {
        api.createNode(B, Option.some(Spi.of(3)));
        started();
        // fabric8 takes a watch that ends within 2 s having heard nothing for a stale resourceVersion and
        // relists at once; one event first makes this the case under test: the re-watch itself answered 410.
        api.setKeyField(B, 4);
        waiting().until(() -> core.calls().contains("node-b key 4"));
        int lists = api.listsServed();

        api.answerWatchesGoneUntilList();
        api.stop(); // the open watch drops; the agent's re-watch from its resourceVersion is answered 410
        api.startAgain();
        api.setKeyField(B, 5);

        waiting().until(() -> {
            time.advance(Duration.ofSeconds(1)); // the watchdog's checks; the watch itself runs in real time
            return core.calls().contains("node-b key 5");
        });
        assertThat(api.listsServed()).isGreaterThan(lists);
        assertThat(events).anySatisfy(event -> assertThat(event).isInstanceOf(AgentEvent.ClusterViewFailing.class));
    }

    @Test
    void theOwnNodesKeyGoesToTheCallbackWhenFirstSeenAndWhenItChangesRelistsIncluded() {
        api.createNode(SELF, Option.some(Spi.of(2)));
        api.createNode(B, Option.some(Spi.of(2)));
        started();
        assertThat(ownKeys).containsExactly(Option.some(Spi.of(2)));

        api.setLabel(SELF, "topology.kubernetes.io/zone", "z1");
        api.setKeyField(SELF, 3);
        api.setKeyField(B, 3);
        waiting().until(() -> core.calls().contains("node-b key 3"));
        assertThat(ownKeys).containsExactly(Option.some(Spi.of(2)), Option.some(Spi.of(3)));

        // Someone else writes the own node while the watch cannot resume: the relist carries it.
        api.answerWatchesGoneUntilList();
        api.stop();
        api.startAgain();
        api.setKeyField(SELF, 1);
        api.setKeyField(B, 4);
        waiting().until(() -> {
            time.advance(Duration.ofSeconds(1));
            return core.calls().contains("node-b key 4");
        });
        assertThat(ownKeys).containsExactly(Option.some(Spi.of(2)), Option.some(Spi.of(3)), Option.some(Spi.of(1)));
    }

    @Test
    void theViewIsReportedInSyncThenStaleWhenNoListOrWatchSucceedsForLongerThanTheBound() {
        api.createNode(B, Option.some(Spi.of(3)));
        started();
        waiting().until(() -> {
            time.advance(Duration.ofSeconds(1));
            return events.stream().anyMatch(AgentEvent.ClusterViewSynced.class::isInstance);
        });

        api.stop();
        waiting().until(() -> {
            time.advance(Duration.ofSeconds(1));
            return events.stream().anyMatch(AgentEvent.ClusterViewStale.class::isInstance);
        });
        AgentEvent.ClusterViewStale stale = events.stream().filter(AgentEvent.ClusterViewStale.class::isInstance)
                .map(AgentEvent.ClusterViewStale.class::cast).findFirst().orElseThrow();
        assertThat(Duration.between(stale.lastSynced(), stale.at())).isGreaterThan(Duration.ofSeconds(30));
        assertThat(stale.bound()).isEqualTo(Duration.ofSeconds(30));

    }

    @Test
    void aDroppedWatchResumesAndKeepsFeedingTheView() {
        api.createNode(B, Option.some(Spi.of(3)));
        started();
        int watches = api.watchesServed();

        api.stop();
        api.startAgain();
        waiting().until(() -> api.watchesServed() > watches);
        api.createNode(C, Option.some(Spi.of(1)));
        api.setKeyField(B, 4);

        waiting().until(() -> core.calls().contains("node-b key 4"));
        assertThat(observer.knownNodes()).containsExactly(SELF, B, C);
        assertThat(core.calls()).containsExactly("node-b key 3", "node-c key 1", "node-b key 4");
    }

    @Test
    void startingWhileTheApiServerFailsKeepsTryingUntilItAnswers() {
        api.createNode(B, Option.some(Spi.of(3)));
        api.expect().get().withPath(MockApiServer.NODES_PATH + "?limit=" + CiliumNodeObserver.LIST_PAGE_SIZE).andReturn(503, "").times(3);
        int listsBefore = api.listsServed();

        started();

        assertThat(api.listsServed() - listsBefore).isEqualTo(4);
        assertThat(core.calls()).containsExactly("node-b key 3");
    }

    @Test
    void startingWhileTheApiServerIsDownCompletesOnceItIsBack() {
        api.createNode(B, Option.some(Spi.of(3)));
        api.stop();

        CompletableFuture<Void> start = observer.start().toCompletableFuture();
        api.startAgain();

        start.orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(core.calls()).containsExactly("node-b key 3");
    }

    @Test
    void theFirstListComesInPagesSoNoResponseHoldsTheWholeCluster() {
        int others = 2 * (int) CiliumNodeObserver.LIST_PAGE_SIZE + 50; // with the own node: two full pages and a part
        api.createNode(SELF, Option.some(Spi.of(2)));
        api.createRealisticNodes(others, Spi.of(3)); // node-1 .. node-<others>
        api.forgetRequests();

        started();

        List<String> lists = api.requests().stream().map(MockApiServer.Request::path)
                .filter(path -> path.startsWith(MockApiServer.NODES_PATH + "?") && !path.contains("watch=true")).toList();
        assertThat(lists).hasSize(3).allMatch(path -> path.contains("limit=" + CiliumNodeObserver.LIST_PAGE_SIZE));
        assertThat(lists.get(0)).doesNotContain("continue=");
        assertThat(lists.subList(1, 3)).allMatch(path -> path.contains("continue="));
        assertThat(observer.knownNodes()).hasSize(others + 1);
        assertThat(core.calls()).hasSize(others).contains("node-1 key 3", "node-" + others + " key 3");
    }

    @Test
    void aDroppedStreamIsResumedFromTheLastEventsResourceVersionWithoutAList() {
        api.createNode(B, Option.some(Spi.of(3)));
        started();
        api.setKeyField(B, 4); // an event first: fabric8 takes a stream that ends within 2 s having heard nothing for an expired one
        waiting().until(() -> core.calls().contains("node-b key 4"));
        String last = api.node(B).get().getMetadata().getResourceVersion();
        waiting().until(() -> observer.resourceVersion().equals(last));

        afterARestartOfTheServerTheWatchResumesFrom(last);
    }

    @Test
    void aBookmarkMovesTheResourceVersionOnSoTheWatchResumesFromIt() {
        api.createNode(B, Option.some(Spi.of(3)));
        api.forgetRequests();
        started();
        assertThat(watchRequests()).singleElement().asString().contains("allowWatchBookmarks=true");
        api.setKeyField(B, 4);
        waiting().until(() -> core.calls().contains("node-b key 4") && api.openWatches() == 1);

        String bookmark = api.bookmarkOpenWatches();
        waiting().until(() -> observer.resourceVersion().equals(bookmark));
        afterARestartOfTheServerTheWatchResumesFrom(bookmark);
    }

    /** B's key went 3, 4: the API server restarts, B's key goes to 5, and the watch resumes from {@code version} without a list. */
    private void afterARestartOfTheServerTheWatchResumesFrom(String version) {
        int lists = api.listsServed();
        api.forgetRequests();
        api.stop();
        api.startAgain();
        waiting().until(() -> api.openWatches() == 1);
        api.setKeyField(B, 5);

        waiting().until(() -> core.calls().contains("node-b key 5"));
        assertThat(watchRequests()).isNotEmpty().allMatch(path -> path.contains("resourceVersion=" + version + "&"));
        assertThat(api.listsServed()).isEqualTo(lists);
        assertThat(core.calls()).containsExactly("node-b key 3", "node-b key 4", "node-b key 5");
    }

    @Test
    void aStreamEndedBy410IsRelistedAndAChangeMeanwhileIsReportedOnce() {
        api.createNode(B, Option.some(Spi.of(3)));
        api.createNode(C, Option.some(Spi.of(3)));
        started();
        api.setKeyField(C, 4);
        waiting().until(() -> core.calls().contains("node-c key 4") && api.openWatches() == 1);
        int lists = api.listsServed();

        api.expireOpenWatches();
        api.setKeyField(C, 5); // while the relist runs: it reaches the view through the list or the next watch, once

        waiting().until(() -> core.calls().contains("node-c key 5") && api.listsServed() > lists);
        api.setKeyField(B, 6);
        waiting().until(() -> core.calls().contains("node-b key 6"));
        assertThat(core.calls().subList(0, 2)).containsExactlyInAnyOrder("node-b key 3", "node-c key 3");
        assertThat(core.calls().subList(2, core.calls().size())).containsExactly("node-c key 4", "node-c key 5", "node-b key 6");
        assertThat(events).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(AgentEvent.ClusterViewFailing.class,
                failing -> assertThat(failing.reason()).contains("410 Gone")));
    }

    @Test
    void aRelistAfterAWatchThatCannotResumeReportsWhatChangedMeanwhileAndNothingElse() {
        NodeName d = NodeName.of("node-d");
        api.createNode(B, Option.some(Spi.of(3)));
        api.createNode(C, Option.some(Spi.of(3)));
        api.createNode(d, Option.some(Spi.of(3)));
        started();
        api.setKeyField(B, 4); // an event first, so that the drop below is not taken for an expired stream
        waiting().until(() -> core.calls().contains("node-b key 4"));

        api.answerWatchesGoneUntilList();
        api.stop();
        api.startAgain();
        api.setKeyField(C, 5); // no watch hears of these two: every re-watch is answered 410 until a list
        api.deleteNode(d);

        waiting().until(() -> {
            time.advance(Duration.ofSeconds(1)); // the watchdog's checks
            return core.calls().contains("node-d removed");
        });
        api.setKeyField(B, 6);
        waiting().until(() -> core.calls().contains("node-b key 6"));
        assertThat(core.calls().subList(0, 3)).containsExactlyInAnyOrder("node-b key 3", "node-c key 3", "node-d key 3");
        assertThat(core.calls().subList(3, core.calls().size()))
                .containsExactly("node-b key 4", "node-c key 5", "node-d removed", "node-b key 6");
        assertThat(observer.knownNodes()).containsExactly(SELF, B, C);
    }

    @Test
    void theViewHoldsNoInformerAndNoCollectionButTheLastSeenKeys() {
        List<Field> fields = Stream.of(CiliumNodeObserver.class.getDeclaredFields())
                .filter(field -> !Modifier.isStatic(field.getModifiers())).toList();

        assertThat(fields).noneMatch(field -> field.getType().getPackageName().startsWith("io.fabric8.kubernetes.client.informers"));
        assertThat(fields).filteredOn(field -> Map.class.isAssignableFrom(field.getType())
                        || Collection.class.isAssignableFrom(field.getType()) || Traversable.class.isAssignableFrom(field.getType()))
                .extracting(Field::getName).containsExactly("lastSeen");
    }

    @Test
    void closingLeavesNoThreadOfTheViewBehind() {
        long before = viewThreads(); // an earlier test's may still be on its way out
        api.createNode(B, Option.some(Spi.of(3)));
        started();
        assertThat(viewThreads()).isGreaterThan(before);

        observer.close();

        waiting().until(() -> viewThreads() <= before); // a thread is alive for a moment after its executor has terminated
    }

    private static long viewThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals("ciliumnode-view") && thread.isAlive()).count();
    }

    private List<String> watchRequests() {
        return api.requests().stream().map(MockApiServer.Request::path).filter(path -> path.contains("watch=true")).toList();
    }

    private void started() {
        observer.start().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static ConditionFactory waiting() {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10));
    }
}
