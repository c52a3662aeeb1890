package io.ipseckeyagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.ipseckeyagent.domain.key.NodeName;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself, without the agent: so a failing end-to-end test points at the agent, not at the rig. */
class HarnessIT {
    private static final ResourceDefinitionContext CILIUM_NODES = new ResourceDefinitionContext.Builder()
            .withGroup("cilium.io").withVersion("v2").withKind("CiliumNode").withPlural("ciliumnodes")
            .withNamespaced(false).build();

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
    void theKubeconfigReachesTheMockServerWhichRecordsAMergePatchOfTheNode() throws IOException {
        Config config = Config.fromKubeconfig(Files.readString(dir.resolve("kubeconfig")));
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            GenericKubernetesResource node1 = client.genericKubernetesResources(CILIUM_NODES).withName(TestNode.NAME.value()).get();
            client.genericKubernetesResources(CILIUM_NODES).resource(node1)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"encryption\":{\"key\":7}}}");
        }

        assertThat(node.api.patchesOf(TestNode.NAME)).singleElement()
                .satisfies(patch -> assertThat(patch.body()).contains("\"key\":7"));
        assertThat(node.api.publishedKey(TestNode.NAME)).hasValue(7);
        assertThat(node.api.publishedKey(NodeName.of("node-0"))).hasValue(3);
    }

    @Test
    void theSecretDirSwapsItsContentAsKubeletDoes() throws IOException {
        node.secret.write("first\n");
        node.secret.write("second\n");

        Path keys = node.secret.keyFile();
        assertThat(Files.isSymbolicLink(keys)).isTrue();
        assertThat(Files.readSymbolicLink(keys)).isEqualTo(Path.of("..data", "keys"));
        assertThat(Files.readString(keys)).isEqualTo("second\n");
        try (Stream<Path> entries = Files.list(keys.getParent())) {
            assertThat(entries.map(path -> path.getFileName().toString()))
                    .as("the old timestamped directory is gone")
                    .hasSize(3).contains("..data", "keys").anyMatch(name -> name.matches("\\.\\.\\d{4}_\\d\\d_\\d\\d_.*"));
        }
    }
}
