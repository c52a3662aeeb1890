package io.ipseckeyagent.adapters.k8s;

import io.ipseckeyagent.standins.MockApiServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipseckeyagent.adapters.k8s.KubernetesAdapters.ClientSettings;
import io.ipseckeyagent.application.port.out.PublishOutcome;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public entry: the client as the agent builds it, from a kubeconfig file, talking to the mock API server. */
class KubernetesAdaptersTest {
    private final MockApiServer api = new MockApiServer();

    @TempDir
    Path dir;

    @AfterEach
    void stopServer() {
        api.close();
    }

    @Test
    void aKubeconfigFileGivesAClientWithTheAgentsTimeoutsAndNoRetries() throws IOException {
        Path kubeconfig = kubeconfigFor(api.url(), "agent-token");

        Either<String, KubernetesClient> client = KubernetesAdapters.client(ClientSettings.defaults().withKubeconfig(kubeconfig));

        assertThat(client.isRight()).as("client: %s", client).isTrue();
        try (KubernetesClient built = client.getOrElseThrow(problem -> new AssertionError(problem))) {
            Config config = built.getConfiguration();
            assertThat(config.getMasterUrl()).isEqualTo(api.url());
            assertThat(config.getConnectionTimeout()).isEqualTo(5_000);
            assertThat(config.getRequestTimeout()).isEqualTo(10_000);
            assertThat(config.getRequestRetryBackoffLimit()).isZero();
        }
    }

    @Test
    void thePublisherSendsTheClientsCredentials() throws IOException {
        api.createNode(NodeName.of("node-a"), Option.none());
        KubernetesClient client = KubernetesAdapters.client(ClientSettings.defaults().withKubeconfig(kubeconfigFor(api.url(), "agent-token")))
                .getOrElseThrow(problem -> new AssertionError(problem));

        try (client) {
            PublishOutcome outcome = KubernetesAdapters.publisher(client, false).publish(NodeName.of("node-a"), Spi.of(4))
                    .toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();

            assertThat(outcome).isEqualTo(new PublishOutcome.Published());
            assertThat(api.lastRequest().authorization()).isEqualTo("Bearer agent-token");
        }
    }

    @Test
    void aMissingKubeconfigIsReportedNamingTheFlag() {
        Path missing = dir.resolve("nope");

        assertThat(KubernetesAdapters.client(ClientSettings.defaults().withKubeconfig(missing)))
                .isEqualTo(Either.left("--kubeconfig " + missing + ": no readable file there"));
    }

    @Test
    void aFileThatIsNoKubeconfigIsReportedNamingTheFlag() throws IOException {
        Path broken = Files.writeString(dir.resolve("config"), "clusters: [unclosed\n");

        Either<String, KubernetesClient> client = KubernetesAdapters.client(ClientSettings.defaults().withKubeconfig(broken));

        assertThat(client.getLeft()).startsWith("--kubeconfig " + broken + ": not a usable kubeconfig");
    }

    @Test
    void timeoutsMustBePositive() {
        assertThatThrownBy(() -> new ClientSettings(Option.none(), Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Path kubeconfigFor(String server, String token) throws IOException {
        return Files.writeString(dir.resolve("kubeconfig"), String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: mock",
                "  cluster:",
                "    server: " + server,
                "users:",
                "- name: agent",
                "  user:",
                "    token: " + token,
                "contexts:",
                "- name: mock",
                "  context:",
                "    cluster: mock",
                "    user: agent",
                "current-context: mock",
                ""));
    }

    @Test
    void theBackgroundSetUpParsesItsKubeconfigAndLoadsTheTrustStore() throws Exception {
        // completes exceptionally if fabric8 rejects the set-up's kubeconfig or the trust store cannot load
        assertThat(KubernetesAdapters.prepareInBackground().toCompletableFuture().get(30, TimeUnit.SECONDS)).isNull();
    }
}
