package io.ipseckeyagent.adapters.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The kubeconfig check the configuration runs with every other check: what is wrong, in the file's words. */
class KubeconfigCheckTest {
    private static final Path FILE = Path.of("/etc/kube/config");

    @Test
    void aUsableKubeconfigPasses() {
        String text = """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:6443"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                current-context: x
                """;
        assertThat(KubernetesAdapters.checkKubeconfig(FILE, text).isValid()).isTrue();
    }

    @Test
    void malformedYamlNamesTheFileAndTheLineNotFabric8sGenericError() {
        String problem = KubernetesAdapters.checkKubeconfig(FILE, "apiVersion: v1\nclusters: [unclosed\n  - name: c\n").getError();
        assertThat(problem).startsWith(FILE + ": not a usable kubeconfig: ").doesNotContain("An error has occurred").contains("line");
    }

    @Test
    void aFieldOfTheWrongTypeIsNamed() {
        String problem = KubernetesAdapters.checkKubeconfig(FILE, "apiVersion: v1\nclusters: 42\n").getError();
        assertThat(problem).startsWith(FILE + ": not a usable kubeconfig: ").doesNotContain("An error has occurred").contains("clusters");
    }
}
