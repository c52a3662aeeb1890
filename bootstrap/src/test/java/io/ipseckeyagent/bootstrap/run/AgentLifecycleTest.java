package io.ipseckeyagent.bootstrap.run;

import static io.ipseckeyagent.bootstrap.run.RunningAgent.KEYS_SPI_3;
import static io.ipseckeyagent.bootstrap.run.RunningAgent.KEYS_SPI_4;
import static io.ipseckeyagent.bootstrap.run.RunningAgent.NODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.Injector;
import io.ipseckeyagent.bootstrap.config.RunConfiguration;
import io.ipseckeyagent.adapters.observability.ObservabilityAdapters;
import io.ipseckeyagent.bootstrap.testing.Http;
import io.ipseckeyagent.bootstrap.wiring.AgentInjector;
import io.ipseckeyagent.domain.jitter.JitterPolicy;
import io.ipseckeyagent.domain.key.Spi;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.vavr.control.Option;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wired agent, started and stopped in-process against a mock API server and a kubelet-style key directory. */
class AgentLifecycleTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path temp;

    private RunningAgent node;
    private Injector injector;
    private AgentLifecycle agent;

    @BeforeEach
    void setUp() {
        node = new RunningAgent(temp);
    }

    @AfterEach
    void tearDown() {
        if (agent != null) {
            agent.stop();
        }
        node.close();
    }

    private InetSocketAddress start(RunConfiguration configuration) {
        injector = AgentInjector.create(configuration).getOrElseThrow(failure -> new AssertionError(failure.problems()));
        agent = new AgentLifecycle(injector);
        assertThat(agent.start()).isTrue();
        return agent.metricsAddress().getOrElseThrow(() -> new AssertionError("metrics are served"));
    }

    @Test
    void aRotationIsPublishedWithOnePatchAndCounted() throws IOException {
        node.cluster.createNode(NODE, Option.some(Spi.of(3)));
        node.secret.write(KEYS_SPI_3);
        InetSocketAddress metrics = start(node.configuration());
        assertThat(Files.readString(node.stateFile())).as("start applied the keys").contains("\"spi\"");
        assertThat(node.cluster.patchesOf(NODE).size()).as("SPI 3 is published already").isZero();

        node.secret.write(KEYS_SPI_4);

        await().atMost(PATIENCE).until(() -> node.cluster.keyOf(NODE).contains(Spi.of(4)));
        await().during(Duration.ofMillis(300)).atMost(PATIENCE).until(() -> node.cluster.patchesOf(NODE).size() == 1);
        assertThat(Http.get(metrics, "/metrics").body()).contains("ipsec_key_agent_keys_published_total 1.0",
                "ipsec_key_agent_active_spi 4.0");
        assertThat(Http.get(metrics, "/healthz").status()).isEqualTo(200);
    }

    @Test
    void aMissingKeyFileAtStartIsNotFatalButUnhealthyUntilTheFileAppears() throws IOException {
        node.cluster.createNode(NODE, Option.none());
        InetSocketAddress metrics = start(node.configuration());

        Http.Answer health = Http.get(metrics, "/healthz");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body()).contains("Failed to load IPsec keyfile", "no such file");

        node.secret.write(KEYS_SPI_3);

        await().atMost(PATIENCE).until(() -> node.cluster.keyOf(NODE).contains(Spi.of(3)));
        await().atMost(PATIENCE).until(() -> Http.get(metrics, "/healthz").status() == 200);
        assertThat(node.cluster.patchesOf(NODE).size()).isEqualTo(1);
    }

    @Test
    void stoppingCancelsAPendingJitterWaitAndSendsNothing() throws IOException {
        // node-hash makes the delay of (node-a, SPI 4) a fixed share of the 4m bound: make sure it is a long wait.
        assertThat(JitterPolicy.NodeHash.fraction(NODE, Spi.of(4))).isGreaterThan(0.05);
        node.cluster.createNode(NODE, Option.some(Spi.of(3)));
        node.secret.write(KEYS_SPI_3);
        InetSocketAddress metrics = start(node.configuration("--ipsec-jitter-max-duration=4m", "--ipsec-jitter-policy=node-hash"));
        node.secret.write(KEYS_SPI_4);
        await().atMost(PATIENCE).until(() -> Http.get(metrics, "/metrics").body().contains("ipsec_key_agent_jitter_delay_seconds_count 1"));

        long begin = System.nanoTime();
        assertThat(agent.stop()).isTrue();

        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(3));
        assertThat(scrape()).contains("ipsec_key_agent_rotations_cancelled_total 1.0");
        assertThat(node.cluster.patchesOf(NODE).size()).isZero();
        assertThat(node.cluster.keyOf(NODE)).contains(Spi.of(3));
        assertThat(agent.stop()).as("a second stop has nothing to do").isFalse();
    }

    private String scrape() {
        return PrometheusTextFormatWriter.create().toDebugString(injector.getInstance(ObservabilityAdapters.class).registry().scrape());
    }
}
