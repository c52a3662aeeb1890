package io.ipseckeyagent.simulator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.domain.key.Spi;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The demo for real, at its smallest: five agents, a 6s window, up to 1s of jitter. */
class DemoTest {
    private static final int NODES = 5;

    @Test
    void everyNodePublishesEachNewKeyWithExactlyOnePatch() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        DemoSettings tiny = new DemoSettings(NODES, Duration.ofSeconds(6), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1);

        DemoResult result = new Demo(tiny, new PrintWriter(new OutputStreamWriter(progress, StandardCharsets.UTF_8), true)).run();

        assertThat(result.rotations()).extracting(RotationResult::jitter).containsExactly("disabled", "uniform");
        assertThat(result.rotations()).extracting(RotationResult::to).containsExactly(Spi.of(4), Spi.of(5));
        // The jittered rotation really spreads: its window holds a positive maximum (no reserve eats it).
        assertThat(result.rotations().get(1).jitterMax()).isPositive();
        for (RotationResult rotation : result.rotations()) {
            assertThat(rotation.nodesCarryingNewSpi()).as("CiliumNodes with SPI %s", rotation.to()).isEqualTo(NODES);
            assertThat(rotation.patchesPerNode()).as("PATCHes per node, SPI %s", rotation.to())
                    .containsOnlyKeys(IntStream.rangeClosed(1, NODES).mapToObj(i -> "node-" + i).toList())
                    .allSatisfy((node, patches) -> assertThat(patches).isEqualTo(1));
            assertThat(rotation.nodeUpdated()).isEqualTo(NODES * (NODES - 1));
            assertThat(rotation.allPublishedAfter().get()).isLessThan(Duration.ofSeconds(6));
        }
        assertThat(progress.toString(StandardCharsets.UTF_8)).doesNotContain("failed", "rejected", "overdue");
        assertThat(DemoReport.text(result)).contains("PATCH requests the API server received, per second")
                .doesNotContain("rfc4106");
    }
    /** Relay mode, ten agents next to ten cilium-agent stand-ins, up to 6s of jitter in a 12s window. */
    @Test
    void relayModeEveryNodeAdoptsEachNewKeyAndTheJitterLowersThePeak() throws Exception {
        int nodes = 10;
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        DemoSettings relay = new DemoSettings(nodes, Duration.ofSeconds(12), Duration.ofSeconds(6), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1);
        assertThat(RelayDemo.problems(relay)).isEmpty();

        DemoResult result = new RelayDemo(relay, new PrintWriter(new OutputStreamWriter(progress, StandardCharsets.UTF_8), true)).run();

        assertThat(result.rotations()).extracting(RotationResult::jitter).containsExactly("disabled", "uniform");
        assertThat(result.rotations()).extracting(RotationResult::to).containsExactly(Spi.of(4), Spi.of(5));
        for (RotationResult rotation : result.rotations()) {
            assertThat(rotation.nodesCarryingNewSpi()).as("CiliumNodes with SPI %s", rotation.to()).isEqualTo(nodes);
            // One PATCH per node, each the stand-in's: the agents themselves write nothing.
            assertThat(rotation.patchesPerNode()).as("PATCHes per node, SPI %s", rotation.to()).hasSize(nodes)
                    .allSatisfy((node, patches) -> assertThat(patches).isEqualTo(1));
            assertThat(rotation.allPublishedAfter()).as("every agent confirmed Cilium's adoption").isNotEmpty();
        }
        RotationResult without = result.rotations().get(0);
        RotationResult with = result.rotations().get(1);
        assertThat(with.peakPatchesPerSecond()).as("jittered peak PATCH/s").isLessThan(without.peakPatchesPerSecond());
        assertThat(with.allPublishedAfter().get()).isLessThan(Duration.ofSeconds(12));
        assertThat(progress.toString(StandardCharsets.UTF_8)).doesNotContain("failed", "rejected", "overdue");
        assertThat(DemoReport.text(result)).contains("in relay mode").doesNotContain("rfc4106", "\"Node updated\" events (");
    }
}
