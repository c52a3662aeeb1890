package io.ipseckeyagent.simulator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DemoReportTest {
    private static final DemoResult RESULT = new DemoResult(3, "fabric8 mock API server (CRUD) at http://127.0.0.1:1/",
            "3 agents, each watching every CiliumNode", List.of(
                    new RotationResult("disabled", Duration.ZERO, Spi.of(3), Spi.of(4), new int[] {3},
                            Map.of("node-1", 1, "node-2", 1, "node-3", 1), new int[] {6}, Option.some(Duration.ofMillis(200)), 3,
                            new int[] {3}),
                    new RotationResult("uniform", Duration.ofSeconds(15), Spi.of(4), Spi.of(5), new int[] {1, 0, 2},
                            Map.of("node-1", 1, "node-2", 1, "node-3", 1), new int[] {2, 0, 4}, Option.some(Duration.ofMillis(2_500)), 3,
                            new int[] {1, 0, 2})));

    @Test
    void drawsABarPerSecondWithItsCount() {
        assertThat(DemoReport.bars(new int[] {2, 0, 3})).isEqualTo("   0s |## 2\n   1s |\n   2s |### 3\n");
    }

    @Test
    void scalesBarsDownOnlyWhenASecondHoldsMoreThanFits() {
        String bars = DemoReport.bars(new int[] {100, 1});
        assertThat(bars).contains("|" + "#".repeat(50) + " 100").contains("|# 1");
    }

    @Test
    void theTextNamesEachRotationAndThePeakReduction() {
        assertThat(DemoReport.text(RESULT))
                .contains("Rotation 1: SPI 3 -> 4, jitter disabled")
                .contains("Rotation 2: SPI 4 -> 5, uniform jitter up to 15s")
                .contains("peak 2 PATCH/s; 3 PATCHes for 3 nodes (1 per node)")
                .contains("1.5x fewer PATCHes");
    }

    @Test
    void theJsonHoldsTheSeriesAndThePeaks() {
        JsonNode json = JsonMapper.builder().build().readTree(DemoReport.json(RESULT));

        assertThat(json.get("rotations").get(1).get("patchesPerSecond").toString()).isEqualTo("[1,0,2]");
        assertThat(json.get("rotations").get(0).get("peakPatchesPerSecond").asInt()).isEqualTo(3);
        assertThat(json.get("rotations").get(1).get("allPublishedAfterSeconds").asDouble()).isEqualTo(2.5);
        assertThat(json.get("peakReduction").asDouble()).isEqualTo(1.5);
    }

    @Test
    void theJsonCarriesWhatTheServerSawSecondBySecond() {
        JsonNode series = JsonMapper.builder().build().readTree(DemoReport.json(RESULT)).get("rotations").get(1).get("series");

        assertThat(series.get("seconds").asInt()).isEqualTo(3);
        assertThat(series.get("patchesPerSecond").toString()).isEqualTo("[1,0,2]");
        assertThat(series.get("watchEventsPerSecond").toString()).isEqualTo("[2,0,4]");
        assertThat(series.get("adoptedNodes").toString()).isEqualTo("[1,1,3]");
    }

    @Test
    void outDirFilesAreACsvPerRotationAndOneChart(@TempDir Path dir) throws IOException {
        List<Path> files = DemoReport.files(RESULT, dir);

        assertThat(files).containsExactly(dir.resolve("demo-3-disabled.csv"), dir.resolve("demo-3-uniform.csv"),
                dir.resolve("demo-3.png"));
        assertThat(Files.readString(dir.resolve("demo-3-uniform.csv")))
                .isEqualTo("second,patch_requests,watch_events,adopted_nodes\n0,1,2,1\n1,0,0,1\n2,2,4,3\n");
        assertThat(ImageIO.read(dir.resolve("demo-3.png").toFile()).getHeight()).isEqualTo(900);
    }
}
