package io.ipseckeyagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * What the agent writes, checked on one run at debug level that goes through a start, a rejected
 * key file, a rotation and a SIGTERM: no key material anywhere, one JSON object per line (third-party
 * libraries' lines included), and the words Cilium operators grep for.
 */
class AgentOutputIT {
    @TempDir
    static Path dir;

    private static TestNode node;
    private static List<AgentProcess.Line> output;
    private static String endpoints;
    private static String stateFile;

    @BeforeAll
    static void runOneRotationWithAnInvalidFileOnTheWay() throws IOException {
        node = new TestNode(dir, 3);
        String three = node.keys.line(3);
        node.secret.write(three);
        AgentProcess agent = node.run("--log-level=debug", "--ipsec-key-rotation-duration=40s",
                "--ipsec-jitter-max-duration=1s", "--key-file-poll-interval=1s");
        Startup.awaitSettled(agent, node, 3);

        node.secret.write(three + node.keys.lineWithBadIcv(4));
        agent.awaitLogged("Failed to load IPsec keyfile", Duration.ofSeconds(10));
        node.secret.write(three + node.keys.line(4));
        agent.awaitLogged("Updated CiliumNode resource", record -> record.path("spi").asInt() == 4, Duration.ofSeconds(10));

        endpoints = node.get("/metrics").body() + node.get("/healthz").body();
        assertThat(agent.terminate().code()).as(agent.describe()).isZero();
        output = agent.lines();
        stateFile = Files.readString(node.stateFile);
    }

    @AfterAll
    static void tearDown() {
        node.close();
    }

    @Test
    void noKeyMaterialInTheOutputTheEndpointsOrTheStateFile() {
        String everything = String.join("\n", output.stream().map(AgentProcess.Line::text).toList());
        // Booleans only: a failure must not print the key it found.
        assertThat(node.keys.leaksInto(everything)).as("a key of the key file appears in stdout/stderr").isFalse();
        assertThat(node.keys.leaksInto(endpoints)).as("a key appears in /metrics or /healthz").isFalse();
        assertThat(node.keys.leaksInto(stateFile)).as("a key appears in the state file").isFalse();
        assertThat(everything).as("the output is not empty, so the check above checked something").contains("spi");
    }

    @Test
    void everyLineOfOutputIsOneJsonLogRecordIncludingThirdPartyLibraries() {
        assertThat(output).as("the run logged").hasSizeGreaterThan(10);
        List<String> notJson = output.stream().map(AgentProcess.Line::text)
                .filter(text -> AgentProcess.parseObject(text).isEmpty())
                .map(KeyMaterial::redact)
                .toList();
        assertThat(notJson).as("lines that are not one JSON object").isEmpty();
        List<JsonNode> records = output.stream().map(line -> AgentProcess.parseObject(line.text()).orElseThrow()).toList();
        assertThat(records).allSatisfy(record -> assertThat(record.has("time") && record.has("level") && record.has("msg")
                        && record.has("subsys") && !record.has("source"))
                .as("time, level, msg and subsys (not a class name) in %s", KeyMaterial.redact(record.toString())).isTrue());
        assertThat(records).as("levels in the case Cilium prints them")
                .allMatch(record -> List.of("debug", "info", "warn", "error").contains(record.path("level").asString()));
        assertThat(records).as("lines of libraries (fabric8, Vert.x) also come as JSON")
                .anyMatch(record -> record.path("subsys").asString().equals("k8s-client"));
    }

    @Test
    void theFirstLineStatesTheEffectiveConfigurationAsCiliumAgentLogsItsFlags() {
        JsonNode start = output.stream().map(line -> AgentProcess.parseObject(line.text())).flatMap(java.util.Optional::stream)
                .filter(record -> record.path("msg").asString().equals("Starting ipsec-key-agent")).findFirst().orElseThrow();
        assertThat(start.path("subsys").asString()).isEqualTo("daemon");
        assertThat(start.path("ipsec-key-rotation-duration").asString()).isEqualTo("40s");
        assertThat(start.path("ipsec-key-file").asString()).isEqualTo(node.secret.keyFile().toString());
        assertThat(start.path("effective-jitter-max").asString()).isNotEmpty();
        assertThat(start.has("version")).isTrue();
    }

    @Test
    void theLogKeepsTheWordsCiliumOperatorsGrepFor() {
        List<JsonNode> records = output.stream().map(line -> AgentProcess.parseObject(line.text()))
                .flatMap(java.util.Optional::stream).toList();
        assertThat(records).as("a peer's key seen, as Cilium logs it")
                .anyMatch(record -> record.path("msg").asString().equals("Node updated")
                        && record.path("clusterName").asString().equals("default")
                        && record.path("nodeName").asString().equals("node-0")
                        && record.path("spi").asInt() == 3);
        assertThat(records).as("the bad file, with file:line")
                .anyMatch(record -> record.path("msg").asString().equals("Failed to load IPsec keyfile")
                        && record.path("error").asString().startsWith(node.secret.keyFile() + ":2: "));
    }
}
