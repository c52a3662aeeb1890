package io.ipseckeyagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.domain.time.GoDuration;
import io.ipseckeyagent.e2e.AgentProcess.Exit;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** SIGTERM while a publish waits for its jitter: a prompt, clean exit that publishes nothing; a restart catches up. */
class ShutdownIT {
    @TempDir
    Path dir;

    private TestNode node;

    @BeforeEach
    void setUp() {
        node = new TestNode(dir, 2);
        node.secret.write(node.keys.line(2));
    }

    @AfterEach
    void tearDown() {
        node.close();
    }

    @Test
    void sigtermDuringTheJitterWaitExitsZeroWithinFiveSecondsAndARestartConverges() {
        // node-hash makes the delay reproducible: node-1 draws 0.63 of the maximum for SPI 3, about 19 s of 30 s.
        AgentProcess first = node.run("--ipsec-key-rotation-duration=5m", "--ipsec-jitter-max-duration=30s",
                "--ipsec-jitter-policy=node-hash", "--key-file-poll-interval=1s");
        Startup.awaitSettled(first, node, 2);

        node.secret.write(node.keys.line(3));
        JsonNode jitter = first.awaitLogged("Jitter chosen for IPsec key rotation", Duration.ofSeconds(10));
        assertThat(GoDuration.parse(jitter.path("delay").asString()).getOrElseThrow(message -> new IllegalArgumentException(message))).as("long enough to still be waiting")
                .isGreaterThan(Duration.ofSeconds(10));

        Exit exit = first.terminate();

        assertThat(exit.code()).as(first.describe()).isZero();
        assertThat(exit.afterSignal()).as("exit time after SIGTERM").isLessThan(Duration.ofSeconds(5));
        assertThat(first.logged("IPsec key rotation cancelled")).as("the pending jitter was cancelled; %s", first.describe())
                .hasSize(1);
        assertThat(node.api.patchesOf(TestNode.NAME)).as("nothing published").isEmpty();
        assertThat(node.api.publishedKey(TestNode.NAME)).hasValue(2);

        AgentProcess second = node.run("--ipsec-key-rotation-duration=5m", "--ipsec-jitter-max-duration=2s",
                "--ipsec-jitter-policy=node-hash", "--key-file-poll-interval=1s");

        second.awaitLogged("Updated CiliumNode resource", record -> record.path("spi").asInt() == 3,
                Startup.START.plus(Duration.ofSeconds(2)));
        assertThat(second.logged("Jitter chosen for IPsec key rotation")).as("the publish owed at start is jittered too")
                .hasSize(1);
        assertThat(node.api.patchesOf(TestNode.NAME)).as("the restart published SPI 3, once").singleElement()
                .satisfies(patch -> assertThat(patch.body()).contains("\"key\":3"));
        assertThat(node.api.publishedKey(TestNode.NAME)).hasValue(3);
        assertThat(second.terminate().code()).as(second.describe()).isZero();
    }
}
