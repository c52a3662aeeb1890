package io.ipseckeyagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run}'s configuration as an operator meets it: every problem at once, exit 2; help, exit 0. */
class BadFlagsIT {
    @TempDir
    Path dir;

    private TestNode node;

    @BeforeEach
    void setUp() {
        node = new TestNode(dir, 0);
    }

    @AfterEach
    void tearDown() {
        node.close();
    }

    @Test
    void badFlagsExitWithTwoListingEveryProblemBeforeAnythingStarts() {
        AgentProcess agent = node.start(List.of("run", "--ipsec-key-rotation-duration=-5s", "--ipsec-jitter-policy=bogus",
                "--ipsec-key-file=" + node.secret.keyFile(), "--prometheus-serve-addr=127.0.0.1:" + node.metricsPort), Map.of());

        int code = agent.awaitExit(Duration.ofSeconds(20));

        String stderr = String.join("\n", agent.lines(AgentProcess.Stream.STDERR));
        assertThat(code).as(agent.describe()).isEqualTo(2);
        assertThat(stderr).as("each problem names its flag")
                .contains("--ipsec-key-rotation-duration")
                .contains("--ipsec-jitter-policy")
                .contains("bogus")
                .contains("--node-name");
        assertThat(agent.lines(AgentProcess.Stream.STDERR)).as("one line per problem")
                .filteredOn(line -> line.startsWith("error: ")).hasSize(3);
        assertThat(node.api.requests()).as("nothing reached the API server").isEmpty();
    }

    @Test
    void runHelpDocumentsEveryFlagWithItsDefaultAndExitsZero() {
        AgentProcess agent = node.start(List.of("run", "--help"), Map.of());

        int code = agent.awaitExit(Duration.ofSeconds(20));

        String stdout = String.join("\n", agent.lines(AgentProcess.Stream.STDOUT));
        assertThat(code).as(agent.describe()).isZero();
        assertThat(stdout).contains("--node-name", "--ipsec-key-rotation-duration", "--ipsec-jitter-max-duration",
                "--ipsec-jitter-policy", "--key-file-poll-interval", "--prometheus-serve-addr", "--plugin-dir",
                "--key-source", "5m", ":9966");
    }
}
