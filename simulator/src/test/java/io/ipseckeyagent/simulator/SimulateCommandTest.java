package io.ipseckeyagent.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
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
        int exit = run("simulate", "--nodes", "1", "--scenarios", "uniform,fastest", "--target-rate", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--nodes must be at least 2")
                .contains("unknown scenario 'fastest'; use disabled, cilium, uniform, auto, node-hash, rank")
                .contains("--target-rate must be a positive number");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aDurationThatIsNoDurationIsAUsageError() {
        int exit = run("simulate", "--jitter-max", "soon");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--jitter-max").contains("invalid duration \"soon\"");
    }

    private int run(String... args) {
        CommandLine command = SimulatorMain.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }
}
