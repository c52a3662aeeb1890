package io.ipseckeyagent.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AdviseCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aSmallApiServerRulesOutTheHerdAndTheAdviceNamesWhatFits() {
        int exit = run("advise", "--nodes", "1000", "--api-writes-per-second", "50", "--detection-skew", "5s", "--output", "json");

        JsonNode report = JsonMapper.builder().build().readTree(out.toString());
        assertThat(exit).isZero();
        assertThat(report.get("candidates")).hasSize(8);
        JsonNode disabled = report.get("candidates").get(0);
        assertThat(disabled.get("scenario").asString()).isEqualTo("disabled");
        assertThat(disabled.get("underCapacity").asBoolean()).isFalse();
        assertThat(report.get("recommended").asString()).startsWith("--ipsec-jitter-max-duration=auto");
        report.get("candidates").forEach(candidate -> assertThat(candidate.get("adoptionP99Seconds").asDouble())
                .isGreaterThanOrEqualTo(candidate.get("adoptionP50Seconds").asDouble()));
    }

    @Test
    void textSaysWhichFitsAndWhy() {
        run("advise", "--nodes", "300");

        assertThat(out.toString()).contains("Recommended: ", "peak watch ev/s", "--ipsec-jitter-policy=cilium");
    }

    private int run(String... args) {
        CommandLine command = SimulatorMain.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }
}
