package io.ipseckeyagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
        // Everything else is valid, so the agent would start (and reach the API server) were it not for these three.
        List<String> flags = new ArrayList<>(node.baseFlags());
        flags.removeIf(flag -> flag.startsWith("--node-name="));
        flags.addAll(List.of("--ipsec-key-rotation-duration=-5s", "--ipsec-jitter-policy=bogus"));
        node.secret.write(node.keys.line(3));
        flags.add(0, "run");
        AgentProcess agent = node.start(flags, Map.of());

        int code = agent.awaitExit(Duration.ofSeconds(20));

        List<String> stderr = agent.lines(AgentProcess.Stream.STDERR);
        assertThat(code).as(agent.describe()).isEqualTo(2);
        assertThat(stderr).as("one line per problem, each naming its flag").filteredOn(line -> line.startsWith("error: "))
                .hasSize(3)
                .anyMatch(line -> line.contains("--ipsec-key-rotation-duration") && line.contains("-5s"))
                .anyMatch(line -> line.contains("--ipsec-jitter-policy") && line.contains("bogus"))
                .anyMatch(line -> line.contains("--node-name"));
        assertThat(stderr).anyMatch(line -> line.contains("3 problems"));
        assertThat(agent.lines(AgentProcess.Stream.STDOUT)).isEmpty();
        assertThat(node.api.requests()).as("nothing reached the API server").isEmpty();
        assertThat(node.stateFile).as("nothing was applied").doesNotExist();
    }

    @Test
    void aMalformedKubeconfigIsReportedWithTheFlagProblemsInTheSameRun() throws java.io.IOException {
        Path kubeconfig = java.nio.file.Files.writeString(dir.resolve("broken-kubeconfig"), "apiVersion: v1\nclusters: [unclosed\n  - name: c\n");
        List<String> flags = new ArrayList<>(node.baseFlags());
        flags.removeIf(flag -> flag.startsWith("--kubeconfig="));
        flags.addAll(List.of("--kubeconfig=" + kubeconfig, "--log-level=loud"));
        flags.add(0, "run");
        AgentProcess agent = node.start(flags, Map.of());

        int code = agent.awaitExit(Duration.ofSeconds(20));

        List<String> stderr = agent.lines(AgentProcess.Stream.STDERR);
        assertThat(code).as(agent.describe()).isEqualTo(2);
        assertThat(stderr).filteredOn(line -> line.startsWith("error: ")).hasSize(2)
                .anyMatch(line -> line.contains("--log-level"))
                .anyMatch(line -> line.contains("--kubeconfig: " + kubeconfig + ": not a usable kubeconfig:") && line.contains("line 2")
                        && !line.contains("An error has occurred"));
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
