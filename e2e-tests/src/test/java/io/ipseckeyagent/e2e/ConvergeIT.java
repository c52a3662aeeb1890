package io.ipseckeyagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ipseckeyagent.domain.time.GoDuration;
import io.ipseckeyagent.standins.MockApiServer.Request;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 9 through the real jar: bursts settle, a kill -9 keeps the rotation's window, the own
 * CiliumNode converges to the applied SPI whoever wrote it, and a watch answered HTTP 410 relists.
 */
class ConvergeIT {
    private static final String JITTER_CHOSEN = "Jitter chosen for IPsec key rotation";
    private static final String DRIFT = "CiliumNode holds another IPsec key id, repairing";
    private static final String CONVERGED = "CiliumNode holds the applied IPsec key id again";
    private static final String PUBLISHED = "Updated CiliumNode resource";

    @TempDir
    Path dir;

    private TestNode node;

    @BeforeEach
    void setUp() {
        node = new TestNode(dir, 3);
        node.secret.write(node.keys.line(3));
    }

    @AfterEach
    void tearDown() {
        node.close();
    }

    /** The flags of a single-node test: a 40 s window that a short jitter fits, no Secret propagation reserved. */
    private AgentProcess run(String... more) {
        List<String> flags = new java.util.ArrayList<>(List.of("--ipsec-key-rotation-duration=40s",
                "--secret-propagation-budget=0", "--key-file-poll-interval=1s"));
        flags.addAll(List.of(more));
        return node.run(flags.toArray(String[]::new));
    }

    /** 30 kubelet swaps about 66 ms apart (2 s), alternating 13 and 11, ending on 14. */
    private void burst() throws InterruptedException {
        for (int i = 0; i < 30; i++) {
            node.secret.write(node.keys.line(i % 2 == 0 ? 13 : 11));
            Thread.sleep(66);
        }
        node.secret.write(node.keys.line(14));
    }

    private void assertOnePatchOf14(AgentProcess agent) {
        agent.awaitLogged(PUBLISHED, record -> record.path("spi").asInt() == 14, Duration.ofSeconds(12));
        // Nothing more arrives after it (a second PATCH would follow within the settle interval).
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> node.api.patchesOf(TestNode.NAME).size() == 1);
        assertThat(node.api.patchesOf(TestNode.NAME)).singleElement()
                .satisfies(patch -> assertThat(patch.body()).contains("\"key\":14"));
        assertThat(agent.logged("IPsec keyfile loaded")).as("one load after start-up's").hasSize(2);
        assertThat(node.api.publishedKey(TestNode.NAME)).hasValue(14);
    }

    @Test
    void aBurstWithJitterOnSettlesToOnePatchOfTheFinalKey() throws InterruptedException {
        AgentProcess agent = run("--ipsec-jitter-max-duration=3s");
        Startup.awaitSettled(agent, node, 3);

        burst();

        assertOnePatchOf14(agent);
        assertThat(agent.logged(JITTER_CHOSEN)).as("one draw for the whole burst").hasSize(1);
    }

    @Test
    void aBurstWithJitterOffSettlesToOnePatchOfTheFinalKey() throws InterruptedException {
        AgentProcess agent = run("--enable-ipsec-jitter=false");
        Startup.awaitSettled(agent, node, 3);

        burst();

        assertOnePatchOf14(agent);
    }

    @Test
    void aKillDuringTheJitterWaitContinuesTheSameRotation() {
        // node-hash: the same share of what is left on each draw, so the first wait is long enough to kill in.
        String[] flags = {"--ipsec-jitter-max-duration=12s", "--ipsec-jitter-policy=node-hash"};
        AgentProcess first = run(flags);
        Startup.awaitSettled(first, node, 3);

        node.secret.write(node.keys.line(4));
        JsonNode drawn = first.awaitLogged(JITTER_CHOSEN, Duration.ofSeconds(10));
        first.close(); // SIGKILL
        assertThat(node.api.patchesOf(TestNode.NAME)).as("killed before the wait ended").isEmpty();
        Instant deadline = Instant.parse(drawn.path("deadline").asString());
        Duration firstMax = duration(drawn, "maxDelay");

        Instant restarted = Instant.now();
        AgentProcess second = run(flags);
        JsonNode resumed = second.awaitLogged("IPsec key rotation resumed after a restart", Startup.START);
        JsonNode redrawn = second.awaitLogged(JITTER_CHOSEN, Duration.ofSeconds(10));

        assertThat(Instant.parse(resumed.path("deadline").asString())).isEqualTo(deadline);
        assertThat(Instant.parse(redrawn.path("deadline").asString())).as("the same deadline").isEqualTo(deadline);
        Duration secondMax = duration(redrawn, "maxDelay");
        assertThat(secondMax).as("drawn over what is left of the window only")
                .isLessThan(firstMax.minus(Duration.between(time(drawn), restarted)).plusMillis(1));
        assertThat(duration(redrawn, "delay")).isLessThanOrEqualTo(secondMax);

        second.awaitLogged(PUBLISHED, record -> record.path("spi").asInt() == 4, secondMax.plus(Duration.ofSeconds(10)));
        List<Request> patches = node.api.patchesOf(TestNode.NAME);
        assertThat(patches).singleElement().satisfies(patch -> assertThat(patch.body()).contains("\"key\":4"));
        assertThat(patches.get(0).at()).as("adopted within the original window").isBefore(deadline);
    }

    @Test
    void someoneElseSettingTheNodesKeyIsReportedAndRepairedThroughTheJitter() {
        AgentProcess agent = run("--ipsec-jitter-max-duration=5s"); // the drift lasts at least the 1 s floor
        Startup.awaitSettled(agent, node, 3);

        Instant overwritten = Instant.now();
        node.api.setKeyField(TestNode.NAME, 2);

        JsonNode drift = agent.awaitLogged(DRIFT, Duration.ofSeconds(10));
        assertThat(drift.path("heldSPI").asInt()).isEqualTo(2);
        assertThat(drift.path("spi").asInt()).isEqualTo(3);
        assertThat(drift.path("causedByThisNode").asBoolean()).isFalse();
        assertThat(node.awaitAnswer("/healthz", answer -> answer.status() == 503).body()).contains("holds SPI 2");
        node.awaitMetric("ipsec_key_agent_own_node_drift", 1.0);

        agent.awaitLogged(CONVERGED, record -> record.path("spi").asInt() == 3, Duration.ofSeconds(10));
        JsonNode jitter = agent.awaitLogged(JITTER_CHOSEN, Duration.ofSeconds(1));
        List<Request> patches = agentPatches();
        assertThat(patches).singleElement().satisfies(patch -> assertThat(patch.body()).contains("\"key\":3"));
        assertThat(patches.get(0).at()).as("repaired after a jitter wait, not at once")
                .isAfterOrEqualTo(overwritten.plus(duration(jitter, "delay")));
        assertThat(node.api.publishedKey(TestNode.NAME)).hasValue(3);
        String metrics = node.awaitMetric("ipsec_key_agent_own_node_drift", 0.0);
        assertThat(TestNode.sample(metrics, "ipsec_key_agent_own_node_drifts_total{cause=\"other\"}")).hasValue(1.0);
        node.awaitAnswer("/healthz", answer -> answer.status() == 200);
    }

    /**
     * The mock server applies a PATCH as it receives it, so it cannot hold one and apply it later;
     * what a late landing leaves is the same for the agent: the node holding an SPI this run sent
     * before the one it publishes now, written after it.
     */
    @Test
    void itsOwnEarlierPatchLandingLateIsRepairedAtOnce() {
        node.api.setKeyField(TestNode.NAME, 2); // so the start-up publishes 3: this run's first PATCH
        node.api.forgetRequests();
        AgentProcess agent = run("--enable-ipsec-jitter=false");
        agent.awaitLogged(PUBLISHED, record -> record.path("spi").asInt() == 3, Startup.START);
        agent.awaitOutput("the key file watch", () -> agent.output().contains("Watching key file"), Startup.START);
        node.secret.write(node.keys.line(4));
        agent.awaitLogged(PUBLISHED, record -> record.path("spi").asInt() == 4, Duration.ofSeconds(10));

        node.api.setKeyField(TestNode.NAME, 3); // the PATCH of 3, timed out and retried, lands now

        JsonNode drift = agent.awaitLogged(DRIFT, Duration.ofSeconds(10));
        assertThat(drift.path("heldSPI").asInt()).isEqualTo(3);
        assertThat(drift.path("causedByThisNode").asBoolean()).isTrue();
        agent.awaitLogged(CONVERGED, record -> record.path("spi").asInt() == 4, Duration.ofSeconds(10));
        assertThat(agentPatches()).extracting(Request::body)
                .satisfiesExactly(three -> assertThat(three).contains("\"key\":3"),
                        four -> assertThat(four).contains("\"key\":4"),
                        repair -> assertThat(repair).contains("\"key\":4"));
        assertThat(node.api.publishedKey(TestNode.NAME)).hasValue(4);
        assertThat(TestNode.sample(node.awaitMetric("ipsec_key_agent_own_node_drift", 0.0),
                "ipsec_key_agent_own_node_drifts_total{cause=\"this_node\"}")).hasValue(1.0);
    }

    /** The agent's PATCHes of this node; the test's own writes (as another writer's) carry no token. */
    private List<Request> agentPatches() {
        return node.api.patchesOf(TestNode.NAME).stream().filter(patch -> patch.authorization() != null).toList();
    }

    @Test
    void aWatchRequestAnsweredHttp410IsFollowedByAFreshListWithinSeconds() {
        AgentProcess agent = run("--ipsec-jitter-max-duration=3s");
        Startup.awaitSettled(agent, node, 3);
        int lists = node.api.listsServed();

        node.api.answerWatchesGoneUntilList();
        node.api.stop(); // the open watch drops; the re-watch from its resourceVersion is answered 410
        node.api.startAgain();
        Instant gone = Instant.now();
        node.api.setKeyField(TestNode.PEERS.get(0), 5);

        agent.awaitLogged("Node updated", record -> record.path("nodeName").asString().equals(TestNode.PEERS.get(0).value())
                && record.path("spi").asInt() == 5, Duration.ofSeconds(12));
        assertThat(node.api.listsServed()).as("a fresh list").isGreaterThan(lists);
        assertThat(Duration.between(gone, Instant.now())).as("within seconds").isLessThan(Duration.ofSeconds(12));

        // Later changes are seen through the new watch.
        node.api.setKeyField(TestNode.PEERS.get(1), 6);
        agent.awaitLogged("Node updated", record -> record.path("nodeName").asString().equals(TestNode.PEERS.get(1).value())
                && record.path("spi").asInt() == 6, Duration.ofSeconds(5));
        node.awaitAnswer("/healthz", answer -> answer.status() == 200);
    }

    @Test
    void aViewWithNoSuccessfulListOrWatchBeyondTheBoundMakesHealthSaySo() {
        AgentProcess agent = run("--ipsec-jitter-max-duration=3s", "--cluster-view-stale-after=3s");
        Startup.awaitSettled(agent, node, 3);

        node.api.stop(); // no list and no watch can succeed now
        assertThat(node.awaitAnswer("/healthz", answer -> answer.status() == 503
                && answer.body().contains("cluster view stale")).body())
                .contains("no successful list or watch");
        agent.awaitLogged("CiliumNode view stale", record -> true, Duration.ofSeconds(5));

        node.api.startAgain();
        node.awaitAnswer("/healthz", answer -> answer.status() == 200);
    }

    private static Duration duration(JsonNode record, String field) {
        return GoDuration.parse(record.path(field).asString()).getOrElseThrow(message -> new IllegalArgumentException(message));
    }

    private static Instant time(JsonNode record) {
        return Instant.parse(record.path("time").asString());
    }
}
