package io.ipseckeyagent.bootstrap.run;

import static io.ipseckeyagent.bootstrap.run.RunningAgent.KEYS_SPI_3;
import static io.ipseckeyagent.bootstrap.run.RunningAgent.NODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ipseckeyagent.bootstrap.config.ConfigProblem;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run}'s launcher in-process: exit codes, the ready line, and a stop as SIGTERM would ask for it. */
class AgentRunLauncherTest {
    @TempDir
    Path temp;

    private RunningAgent node;
    private final CompletableFuture<BooleanSupplier> shutdownHook = new CompletableFuture<>();
    private final AgentRunLauncher launcher = new AgentRunLauncher(shutdownHook::complete);
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream stderr;

    @BeforeEach
    void captureLog() {
        node = new RunningAgent(temp);
        stderr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreLog() {
        System.setErr(stderr);
        shutdownHook.thenAccept(BooleanSupplier::getAsBoolean);
        node.close();
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theAgentRunsUntilAskedToStopThenExitsZero() throws Exception {
        node.cluster.createNode(NODE, Option.some(Spi.of(3)));
        node.secret.write(KEYS_SPI_3);
        var configuration = node.configuration("--log-format=json");
        var capped = new ConfigProblem("--ipsec-jitter-max-duration", "1m is capped at 25s");

        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> launcher.launch(configuration, List.of(capped)));
        await().atMost(Duration.ofSeconds(10)).until(() -> log().contains("\"msg\":\"agent ready\""));

        assertThat(Files.exists(node.stateFile())).as("ready means the keys are loaded").isTrue();
        assertThat(exit).isNotDone();
        assertThat(shutdownHook.get(1, TimeUnit.SECONDS).getAsBoolean()).isTrue();
        assertThat(exit.get(5, TimeUnit.SECONDS)).isZero();
        assertThat(log()).contains("\"startupMillis\":", "\"msg\":\"Agent stopped\"",
                "{\"time\":", "\"msg\":\"Starting ipsec-key-agent\",\"subsys\":\"daemon\",\"version\":\"dev\",\"node-name\":",
                "\"msg\":\"Configuration warning\",\"subsys\":\"daemon\",\"where\":\"--ipsec-jitter-max-duration\",\"warning\":\"1m is capped at 25s\"");
    }

    @Test
    void anUnknownPluginExitsTwoBeforeAnythingStarts() throws IOException {
        int exit = launcher.launch(node.configuration("--key-source=vault"), List.empty());

        assertThat(exit).isEqualTo(2);
        assertThat(log()).contains("--key-source: no key source plugin is named \\\"vault\\\"; available: file");
        assertThat(node.cluster.requests()).isEmpty();
        assertThat(shutdownHook).isNotDone();
    }

    @Test
    void aMetricsAddressInUseExitsOneAndStopsWhatStarted() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int exit = launcher.launch(node.configuration("--prometheus-serve-addr=127.0.0.1:" + taken.getLocalPort()), List.empty());

            assertThat(exit).isEqualTo(1);
            assertThat(log()).contains("--prometheus-serve-addr 127.0.0.1:" + taken.getLocalPort());
            assertThat(shutdownHook.getNow(() -> true).getAsBoolean()).as("the hook finds the agent stopped already").isFalse();
        }
    }
}
