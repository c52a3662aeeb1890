package io.ipseckeyagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.e2e.TestNode.HttpAnswer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A broken key file: nothing published, unhealthy with the reason, the log says where; a good file recovers. */
class InvalidKeyFileIT {
    @TempDir
    Path dir;

    private TestNode node;
    private String three;

    @BeforeEach
    void setUp() {
        node = new TestNode(dir, 3);
        three = node.keys.line(3);
        node.secret.write(three);
    }

    @AfterEach
    void tearDown() {
        node.close();
    }

    @Test
    void anInvalidKeyFileIsReportedWithFileAndLineAndNothingIsPublishedUntilAValidOneArrives() {
        AgentProcess agent = node.run("--ipsec-key-rotation-duration=40s", "--ipsec-jitter-max-duration=1s",
                "--key-file-poll-interval=1s");
        Startup.awaitSettled(agent, node, 3);
        node.awaitAnswer("/healthz", answer -> answer.status() == 200);

        node.secret.write(three + node.keys.lineWithBadIcv(4));

        JsonNode failure = agent.awaitLogged("Failed to load IPsec keyfile", Duration.ofSeconds(10));
        assertThat(failure.path("level").asString()).isEqualTo("error");
        assertThat(failure.path("error").asString()).as("names file:line")
                .startsWith(node.secret.keyFile() + ":2: ");
        assertThat(failure.path("keptSPI").asInt()).isEqualTo(3);
        HttpAnswer unhealthy = node.awaitAnswer("/healthz", answer -> answer.status() != 200);
        assertThat(unhealthy.status()).isEqualTo(503);
        assertThat(unhealthy.body()).contains("Failed to load IPsec keyfile").contains(node.secret.keyFile() + ":2:");
        node.awaitMetric("ipsec_key_agent_key_load_failures_total", 1.0);
        assertThat(node.api.patchesOf(TestNode.NAME)).as("the bad file published nothing").isEmpty();
        assertThat(node.api.publishedKey(TestNode.NAME)).hasValue(3);

        node.secret.write(node.keys.line(4));

        agent.awaitLogged("Updated CiliumNode resource", record -> record.path("spi").asInt() == 4, Duration.ofSeconds(10));
        node.awaitAnswer("/healthz", answer -> answer.status() == 200);
        assertThat(node.api.patchesOf(TestNode.NAME)).singleElement()
                .satisfies(patch -> assertThat(patch.body()).contains("\"key\":4"));
        assertThat(node.api.publishedKey(TestNode.NAME)).hasValue(4);
    }
}
