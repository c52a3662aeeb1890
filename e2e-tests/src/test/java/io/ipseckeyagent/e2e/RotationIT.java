package io.ipseckeyagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ipseckeyagent.standins.MockApiServer.Request;
import io.ipseckeyagent.domain.time.GoDuration;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A key rotation through the real jar: one jittered PATCH within the bound, seen in the metrics. */
class RotationIT {
    private static final Duration MAX_JITTER = Duration.ofSeconds(3);
    private static final Duration POLL = Duration.ofSeconds(1);
    /** Scheduling, a JVM under load, the PATCH's round trip. */
    private static final Duration SLACK = Duration.ofSeconds(2);

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

    @Test
    void aRotationIsPublishedWithOnePatchAfterAJitterWithinItsBound() {
        AgentProcess agent = node.run("--ipsec-key-rotation-duration=40s", "--ipsec-jitter-max-duration=3s", "--secret-propagation-budget=0",
                "--key-file-poll-interval=1s");
        Startup.awaitSettled(agent, node, 3);
        assertThat(node.api.requests()).as("the startup reconcile found SPI 3 published already")
                .noneMatch(request -> request.method().equals("PATCH"));

        Instant rotated = Instant.now();
        node.secret.write(node.keys.line(4));

        JsonNode detected = agent.awaitLogged("IPsec keyfile change detected", Duration.ofSeconds(10));
        JsonNode jitter = agent.awaitLogged("Jitter chosen for IPsec key rotation", Duration.ofSeconds(5));
        agent.awaitLogged("Updated CiliumNode resource", record -> record.path("spi").asInt() == 4,
                MAX_JITTER.plus(Duration.ofSeconds(10)));

        Duration delay = GoDuration.parse(jitter.path("delay").asString()).getOrElseThrow(message -> new IllegalArgumentException(message));
        Duration max = GoDuration.parse(jitter.path("maxDelay").asString()).getOrElseThrow(message -> new IllegalArgumentException(message));
        assertThat(max).isEqualTo(MAX_JITTER);
        assertThat(delay).isBetween(Duration.ZERO, max);

        List<Request> patches = node.api.requests().stream().filter(request -> request.method().equals("PATCH")).toList();
        assertThat(patches).as("one PATCH, to this node's CiliumNode").singleElement()
                .satisfies(patch -> assertThat(patch.isPatchOf(TestNode.NAME)).isTrue())
                .satisfies(patch -> assertThat(patch.body()).contains("\"key\":4"));
        Instant patched = patches.get(0).at();
        // Log times are UTC milliseconds from the same clock: allow their truncation.
        Instant detectedAt = time(detected).minusMillis(1);
        assertThat(patched).as("not before the jitter delay had passed since detection")
                .isAfterOrEqualTo(detectedAt.plus(delay));
        assertThat(patched).as("within the bound: detection (at most one poll late) + max jitter + slack")
                .isBefore(rotated.plus(POLL).plus(max).plus(SLACK))
                .isBefore(detectedAt.plus(max).plus(SLACK));
        assertThat(node.api.publishedKey(TestNode.NAME)).hasValue(4);

        // The last of the rotation's counters to move (one event updates them in this order).
        String metrics = node.awaitMetric("ipsec_key_agent_publish_attempts_total{outcome=\"published\"}", 1.0);
        assertThat(TestNode.sample(metrics, "ipsec_key_agent_keys_published_total")).hasValue(1.0);
        assertThat(TestNode.sample(metrics, "ipsec_key_agent_active_spi")).hasValue(4.0);
        assertThat(TestNode.sample(metrics, "ipsec_key_agent_jitter_delay_seconds_count")).hasValue(1.0);

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> node.api.patchesOf(TestNode.NAME).size() == 1);
    }

    private static Instant time(JsonNode record) {
        return Instant.parse(record.path("time").asString());
    }
}
