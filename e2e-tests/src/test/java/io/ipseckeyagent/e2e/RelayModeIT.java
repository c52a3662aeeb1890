package io.ipseckeyagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ipseckeyagent.domain.time.GoDuration;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.standins.MockApiServer.Request;
import io.ipseckeyagent.standins.CiliumAgentStandIn;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code run --mode relay} through the real jar: the agent writes the key file a cilium-agent
 * stand-in polls (as Cilium's key watcher does) and only confirms, from its own CiliumNode, that
 * the stand-in published the SPI. The stand-in's PATCHes are the only writes the server sees.
 */
class RelayModeIT {
    private static final Duration CILIUM_POLL = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private TestNode node;
    private Path relayed;
    private final List<CiliumAgentStandIn> standIns = new ArrayList<>();

    @BeforeEach
    void setUp() {
        node = new TestNode(dir, 0); // a fresh cluster: Cilium publishes no key until it can read one
        relayed = dir.resolve("host/ipsec-key-agent/keys");
    }

    @AfterEach
    void tearDown() {
        standIns.forEach(CiliumAgentStandIn::close);
        node.close();
    }

    private AgentProcess relayAgent(String... flags) {
        List<String> all = new ArrayList<>(List.of("--mode=relay", "--relay-key-file=" + relayed, "--key-file-poll-interval=1s"));
        all.addAll(List.of(flags));
        return node.run(all.toArray(String[]::new));
    }

    private CiliumAgentStandIn cilium() {
        CiliumAgentStandIn standIn = CiliumAgentStandIn.start(relayed, TestNode.NAME, node.api.url(), CILIUM_POLL);
        standIns.add(standIn);
        return standIn;
    }

    /**
     * First start, no relayed file: written at once, canonical, owner-only; Cilium adopts it and the
     * agent says so, whether Cilium publishes before the core's start-up look-up (that look-up then
     * confirms) or after it (the adoption wait does).
     */
    private AgentProcess firstStart(CiliumAgentStandIn cilium, String... flags) {
        String line = node.keys.line(3);
        node.secret.write(line.replace(" ", " \t "));
        AgentProcess agent = relayAgent(flags);
        agent.awaitLogged("agent ready", Startup.START);
        // Asked of the in-process stand-in: a look at the server would be a request of its own.
        await().atMost(Duration.ofSeconds(15)).until(() -> cilium.loadedSpi().contains(Spi.of(3)) && cilium.patches() >= 1);
        agent.awaitLogged("IPsec key adopted by cilium-agent", record -> record.path("spi").asInt() == 3, Duration.ofSeconds(30));
        assertThat(read(relayed)).as("canonical key-file text").isEqualTo(line);
        assertThat(cilium.loadedSpi()).isEqualTo(Option.some(Spi.of(3)));
        return agent;
    }

    @Test
    void firstStartRelaysAtOnceAndTheAgentWritesNothingAndWatchesOnlyItsOwnNode() throws IOException {
        CiliumAgentStandIn cilium = cilium();
        AgentProcess agent = firstStart(cilium, "--ipsec-jitter-max-duration=2s", "--ipsec-key-rotation-duration=40s");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(relayed))).isEqualTo("rw-------");
        String metrics = node.awaitMetric("ipsec_key_agent_relay_adoptions_total", 1.0);
        assertThat(TestNode.sample(metrics, "ipsec_key_agent_relay_adoption_overdue")).hasValue(0.0);
        assertThat(TestNode.sample(metrics, "ipsec_key_agent_publish_attempts_total{outcome=\"published\"}")).hasValue(0.0);
        assertThat(node.awaitAnswer("/healthz", answer -> answer.status() == 200).body()).contains("ok");
        assertThat(node.keys.leaksInto(agent.output())).as("key material in the agent's output").isFalse();

        List<Request> writes = node.api.requests().stream().filter(request -> !request.method().equals("GET")).toList();
        assertThat(writes).as("every write is the stand-in's PATCH of its own CiliumNode").hasSize(cilium.patchesSent())
                .allSatisfy(write -> assertThat(write.isPatchOf(TestNode.NAME)).isTrue());
        List<Request> reads = node.api.requests().stream().filter(request -> request.method().equals("GET")).toList();
        assertThat(reads).as("the agent lists and watches its own CiliumNode only").isNotEmpty()
                .allSatisfy(read -> assertThat(read.path()).contains("fieldSelector=metadata.name%3D" + TestNode.NAME));
    }

    @Test
    void aSecretChangeIsRelayedAfterAJitterWaitAndAdopted() {
        CiliumAgentStandIn cilium = cilium();
        AgentProcess agent = firstStart(cilium, "--ipsec-jitter-max-duration=3s", "--ipsec-key-rotation-duration=40s");

        double adoptionsBefore = TestNode.sample(node.get("/metrics").body(), "ipsec_key_agent_relay_adoptions_total").orElseThrow();
        String next = node.keys.line(4);
        node.secret.write(next);

        Instant changed = Instant.now().minusMillis(1);
        // The start-up also chose a jitter (Cilium published no key yet): take the records after the change.
        JsonNode detected = agent.awaitLogged("IPsec keyfile change detected", record -> !time(record).isBefore(changed),
                Duration.ofSeconds(10));
        JsonNode jitter = agent.awaitLogged("Jitter chosen for IPsec key rotation", record -> !time(record).isBefore(changed),
                Duration.ofSeconds(5));
        agent.awaitLogged("IPsec key adopted by cilium-agent", record -> record.path("spi").asInt() == 4, Duration.ofSeconds(20));

        Duration delay = GoDuration.parse(jitter.path("delay").asString()).getOrElseThrow(message -> new IllegalArgumentException(message));
        assertThat(GoDuration.parse(jitter.path("maxDelay").asString()).getOrElseThrow(message -> new IllegalArgumentException(message))).isLessThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(delay).isLessThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(read(relayed)).isEqualTo(next);
        assertThat(modified(relayed).toInstant()).as("the file is replaced only once the jitter delay has passed")
                                // log times are UTC milliseconds: allow their truncation
                .isAfterOrEqualTo(time(detected).minusMillis(1).plus(delay));
        assertThat(node.api.publishedKey(TestNode.NAME)).hasValue(4);
        assertThat(node.api.patchesOf(TestNode.NAME)).as("only the stand-in's PATCHes").hasSize(cilium.patchesSent());
        node.awaitMetric("ipsec_key_agent_relay_adoptions_total", adoptionsBefore + 1);
    }

    @Test
    void aRestartWithADifferentSecretIsAJitteredRotationThatKeepsItsDeadline() {
        CiliumAgentStandIn cilium = cilium();
        // node-hash: the draw for this node and SPI 4 is the same in both runs' windows, and far from the settle floor.
        String[] flags = {"--ipsec-jitter-max-duration=10s", "--ipsec-key-rotation-duration=60s", "--ipsec-jitter-policy=node-hash",
            "--secret-propagation-budget=0s"}; // one node: no kubelet propagation to wait for
        AgentProcess first = firstStart(cilium, flags);
        String before = read(relayed);

        Instant changed = Instant.now().minusMillis(1);
        node.secret.write(node.keys.line(4));
        JsonNode jitter = first.awaitLogged("Jitter chosen for IPsec key rotation", record -> !time(record).isBefore(changed),
                Duration.ofSeconds(10));
        Instant deadline = Instant.parse(jitter.path("deadline").asString());
        assertThat(first.terminate().code()).isZero(); // during the jitter wait: the rotation's start is recorded
        assertThat(read(relayed)).as("not relayed before the wait ended").isEqualTo(before);

        AgentProcess second = relayAgent(flags);
        second.awaitLogged("agent ready", Startup.START);
        JsonNode resumed = second.awaitLogged("IPsec key rotation resumed after a restart", Duration.ofSeconds(5));
        JsonNode again = second.awaitLogged("Jitter chosen for IPsec key rotation", Duration.ofSeconds(10));
        assertThat(second.logged("IPsec keys applied")).as("a restart with a different Secret does not relay at once").isEmpty();
        assertThat(Instant.parse(resumed.path("deadline").asString())).as("the first run's deadline").isEqualTo(deadline);
        assertThat(Instant.parse(again.path("deadline").asString())).isEqualTo(deadline);
        Duration delay = GoDuration.parse(again.path("delay").asString()).getOrElseThrow(message -> new IllegalArgumentException(message));
        // A draw over what is left of the first run's jitter window, not a fresh one (zero once it has passed).
        assertThat(GoDuration.parse(again.path("maxDelay").asString()).getOrElseThrow(message -> new IllegalArgumentException(message)))
                .isLessThan(GoDuration.parse(jitter.path("maxDelay").asString()).getOrElseThrow(message -> new IllegalArgumentException(message)));

        second.awaitLogged("IPsec key adopted by cilium-agent", record -> record.path("spi").asInt() == 4, Duration.ofSeconds(40));
        assertThat(read(relayed)).startsWith("4+ ");
        assertThat(modified(relayed).toInstant()).as("replaced once the resumed wait had passed")
                .isAfterOrEqualTo(time(again).minusMillis(1).plus(delay));
        assertThat(modified(relayed).toInstant()).as("within the kept deadline").isBefore(deadline);
        assertThat(cilium.loadedSpi()).isEqualTo(Option.some(Spi.of(4)));
        assertThat(node.api.patchesOf(TestNode.NAME)).as("only the stand-in's PATCHes").hasSize(cilium.patchesSent());
    }

    @Test
    void anInvalidSecretLeavesTheRelayedFileAsItIsAndHealthSaysWhy() {
        AgentProcess agent = firstStart(cilium(), "--ipsec-jitter-max-duration=1s", "--ipsec-key-rotation-duration=40s");
        String before = read(relayed);
        FileTime modifiedBefore = modified(relayed);

        node.secret.write(node.keys.lineWithBadIcv(4));

        agent.awaitLogged("Failed to load IPsec keyfile", Duration.ofSeconds(15));
        TestNode.HttpAnswer health = node.awaitAnswer("/healthz", answer -> answer.status() == 503);
        assertThat(health.body()).contains("Failed to load IPsec keyfile");
        assertThat(read(relayed)).as("the last good key stays relayed").isEqualTo(before);
        assertThat(modified(relayed)).isEqualTo(modifiedBefore);
        assertThat(node.keys.leaksInto(agent.output() + health.body())).isFalse();
    }

    @Test
    void aRestartWithTheSameSecretDoesNotRewriteTheRelayedFile() throws IOException {
        CiliumAgentStandIn cilium = cilium();
        AgentProcess first = firstStart(cilium, "--ipsec-jitter-max-duration=1s", "--ipsec-key-rotation-duration=40s");
        Object inode = Files.getAttribute(relayed, "unix:ino");
        FileTime modifiedBefore = modified(relayed);
        assertThat(first.terminate().code()).isZero();
        int loadsBefore = cilium.loads();

        AgentProcess second = relayAgent("--ipsec-jitter-max-duration=1s", "--ipsec-key-rotation-duration=40s");
        second.awaitLogged("agent ready", Startup.START);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> second.logged("IPsec keys applied").isEmpty() && second.logged("Jitter chosen for IPsec key rotation").isEmpty());

        assertThat(Files.getAttribute(relayed, "unix:ino")).as("same inode: not replaced").isEqualTo(inode);
        assertThat(modified(relayed)).as("same mtime: not rewritten").isEqualTo(modifiedBefore);
        assertThat(cilium.loads()).as("Cilium saw no change to load").isEqualTo(loadsBefore);
        assertThat(node.awaitAnswer("/healthz", answer -> answer.status() == 200).body()).contains("ok");
    }

    @Test
    void withoutAdoptionByTheDeadlineTheAgentReportsItOverdue() {
        CiliumAgentStandIn cilium = cilium();
        // The shortest window the jitter rule accepts with a 1s poll and the 30s publish budget.
        AgentProcess agent = firstStart(cilium, "--ipsec-jitter-max-duration=1s", "--ipsec-key-rotation-duration=32s");
        cilium.close(); // cilium-agent stops reading the relayed file

        node.secret.write(node.keys.line(4));

        JsonNode overdue = agent.awaitLogged("IPsec key adoption overdue", record -> record.path("spi").asInt() == 4,
                Duration.ofSeconds(45));
        assertThat(overdue.path("deadline").asString()).isNotEmpty();
        assertThat(read(relayed)).as("relayed all the same").startsWith("4+ ");
        node.awaitMetric("ipsec_key_agent_relay_adoption_overdue", 1.0);
        assertThat(node.awaitAnswer("/healthz", answer -> answer.status() == 503).body())
                .contains("IPsec key SPI 4 not adopted by its deadline");
        assertThat(node.api.publishedKey(TestNode.NAME)).as("the agent never publishes itself").hasValue(3);
    }

    private static Instant time(JsonNode record) {
        return Instant.parse(record.path("time").asString());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
