package io.ipseckeyagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An adapter we did not write: the example key source plugin, loaded from --plugin-dir and picked by name. */
class PluginIT {
    /** The environment variable the example plugin reads the key file's content from (its EnvironmentKeys.VARIABLE). */
    private static final String KEYS_VARIABLE = "IPSEC_KEYS";

    @TempDir
    Path dir;

    private TestNode node;

    @BeforeEach
    void setUp() {
        node = new TestNode(dir, 3);
    }

    @AfterEach
    void tearDown() {
        node.close();
    }

    @Test
    void theEnvironmentKeySourceFromThePluginDirSuppliesTheKeyThatIsPublished() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(pluginJar(), plugins.resolve(pluginJar().getFileName()));
        AgentProcess agent = node.run(Map.of(KEYS_VARIABLE, node.keys.line(5)),
                "--plugin-dir=" + plugins, "--key-source=env",
                "--ipsec-key-rotation-duration=40s", "--ipsec-jitter-max-duration=1s");

        agent.awaitLogged("Updated CiliumNode resource", record -> record.path("spi").asInt() == 5,
                Startup.START.plus(Duration.ofSeconds(5)));

        assertThat(Files.exists(node.secret.keyFile())).as("no key file: the key can only have come from the plugin").isFalse();
        assertThat(agent.logged("IPsec keyfile loaded")).as("loaded at start, and again when the jitter wait is over")
                .isNotEmpty()
                .allSatisfy(loaded -> assertThat(loaded.path("file").asString()).isEqualTo("env:" + KEYS_VARIABLE));
        assertThat(node.api.publishedKey(TestNode.NAME)).hasValue(5);
        assertThat(node.api.patchesOf(TestNode.NAME)).singleElement()
                .satisfies(patch -> assertThat(patch.body()).contains("\"key\":5"));
        assertThat(node.keys.leaksInto(agent.output())).as("the key from the environment appears in the output").isFalse();
    }

    @Test
    void withoutThePluginDirTheNameIsUnknownAndTheAgentDoesNotStart() {
        AgentProcess agent = node.run(Map.of(KEYS_VARIABLE, node.keys.line(5)), "--key-source=env");

        int code = agent.awaitExit(Startup.START);

        assertThat(code).as(agent.describe()).isEqualTo(2);
        assertThat(agent.logged("Cannot start the agent")).as(agent.describe())
                .anyMatch(record -> record.path("problem").asString().contains("env"));
        assertThat(node.api.patchesOf(TestNode.NAME)).isEmpty();
    }

    private static Path pluginJar() {
        Path jar = Path.of(System.getProperty("plugin.jar", "")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no example plugin jar at " + jar);
        }
        return jar;
    }
}
