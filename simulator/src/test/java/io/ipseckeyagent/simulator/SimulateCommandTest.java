package io.ipseckeyagent.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SimulateCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void printsOneJsonObjectWithEveryScenarioAndExitsZeroWhenAllAreInTime() {
        int exit = run("simulate", "--nodes", "500", "--output", "json");

        JsonNode report = JsonMapper.builder().build().readTree(out.toString());
        assertThat(exit).isZero();
        assertThat(report.get("model").get("nodes").asInt()).isEqualTo(500);
        assertThat(report.get("scenarios")).hasSize(6);
        assertThat(report.get("scenarios").get(0).get("scenario").asString()).isEqualTo("disabled");
        assertThat(report.get("scenarios").get(3).get("everyNodeInTime").asBoolean()).isTrue();
        assertThat(report.get("scenarios").get(1).get("writesPerSecond").get("p99").isInt()).isTrue();
    }

    @Test
    void printsATableForPeople() {
        int exit = run("simulate", "--nodes", "200", "--scenarios", "disabled,uniform");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("peak writes/s").containsPattern("(?m)^disabled +0s ")
                .containsPattern("(?m)^uniform +2m30s ").doesNotContain("node-hash");
    }

    @Test
    void exitsOneWhenSomeNodeIsLate() {
        // 2,000 writes at 5/s cannot fit in a 60s window
        int exit = run("simulate", "--nodes", "2000", "--scenarios", "disabled", "--rotation-duration", "60s",
                "--api-writes-per-second", "5", "--observers", "0");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).containsPattern("(?m)^disabled .* [1-9][0-9,]*$"); // adoptions overdue
    }

    @Test
    void reportsEveryUsageProblemAtOnceWithItsOptionAndExitsTwo() {
        int exit = run("simulate", "--nodes", "1", "--scenarios", "uniform,fastest", "--target-rate", "0", "--threads", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--nodes must be at least 2")
                .contains("unknown scenario 'fastest'; use disabled, cilium, uniform, auto, node-hash, rank")
                .contains("--target-rate must be a positive number")
                .contains("--threads must be at least 1, was 0");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aDurationThatIsNoDurationIsAUsageError() {
        int exit = run("simulate", "--jitter-max", "soon");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--jitter-max").contains("invalid duration \"soon\"");
    }

    @Test
    void theJsonCarriesEachScenariosSeriesAndItsAdoptionPercentiles() {
        int exit = run("simulate", "--nodes", "300", "--scenarios", "disabled,uniform", "--output", "json");

        JsonNode uniform = JsonMapper.builder().build().readTree(out.toString()).get("scenarios").get(1);
        JsonNode series = uniform.get("series");
        assertThat(exit).isZero();
        int seconds = series.get("seconds").asInt();
        assertThat(seconds).isBetween(140, 160); // up to the last publish (2m30s of jitter, 5s of skew), not beyond
        assertThat(series.get("patchesPerSecond")).hasSize(seconds);
        assertThat(series.get("watchEventsPerSecond")).hasSize(seconds);
        assertThat(series.get("watchEventsPerSecond").get(10).asLong())
                .isEqualTo(series.get("patchesPerSecond").get(10).asLong() * 299); // no 429s: every request a write
        assertThat(series.get("adoptedNodes").get(seconds - 1).asInt()).isEqualTo(300);
        double p50 = uniform.get("adoptionP50Seconds").asDouble();
        double p99 = uniform.get("adoptionP99Seconds").asDouble();
        assertThat(p50).isBetween(50.0, 100.0);
        assertThat(p99).isGreaterThan(p50).isLessThanOrEqualTo(uniform.get("allPublishedAfterSeconds").asDouble());
    }

    @Test
    void outDirGetsOneCsvPerScenarioAndOneChartOfThemAll(@TempDir Path dir) throws IOException {
        int exit = run("simulate", "--nodes", "200", "--scenarios", "disabled,rank", "--out-dir", dir.toString());

        assertThat(exit).isZero();
        assertThat(Files.readAllLines(dir.resolve("simulate-200-disabled.csv")))
                .first().isEqualTo("second,patch_requests,watch_events,adopted_nodes");
        assertThat(Files.readAllLines(dir.resolve("simulate-200-rank.csv"))).last().asString().endsWith(",200");
        byte[] png = Files.readAllBytes(dir.resolve("simulate-200.png"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(ImageIO.read(dir.resolve("simulate-200.png").toFile()).getWidth()).isEqualTo(1000);
        assertThat(err.toString()).contains("simulate: wrote " + dir.resolve("simulate-200.png"));
    }

    @Test
    void anOutDirThatCannotBeWrittenIsReportedAndExitsOne(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "not a directory");

        int exit = run("simulate", "--nodes", "50", "--scenarios", "disabled", "--out-dir", file.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("simulate: cannot write the series to " + file);
    }

    private int run(String... args) {
        CommandLine command = SimulatorMain.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }
}
