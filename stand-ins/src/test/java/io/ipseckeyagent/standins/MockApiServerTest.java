package io.ipseckeyagent.standins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The stand-in API server's list pages and watches, as a real API server serves them. */
class MockApiServerTest {
    @AutoClose
    private final MockApiServer api = new MockApiServer();
    private final KubernetesClient client = api.newClient();

    @Test
    void aListWithALimitComesInPagesOfOneSnapshotInNameOrder() {
        api.createRealisticNodes(1_200, Spi.of(3));

        GenericKubernetesResourceList first = page(500, null);
        GenericKubernetesResourceList second = page(500, first.getMetadata().getContinue());
        api.setKeyField(NodeName.of("node-999"), 4); // after the snapshot: not in its pages
        GenericKubernetesResourceList last = page(500, second.getMetadata().getContinue());

        assertThat(first.getItems()).hasSize(500);
        assertThat(first.getMetadata().getRemainingItemCount()).isEqualTo(700);
        assertThat(last.getItems()).hasSize(200);
        assertThat(last.getMetadata().getContinue()).isNull();
        assertThat(last.getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());
        List<String> names = new ArrayList<>();
        List.of(first, second, last).forEach(list -> list.getItems().forEach(node -> names.add(node.getMetadata().getName())));
        assertThat(names).hasSize(1_200).doesNotHaveDuplicates().isSorted().contains("node-1", "node-1200");
        assertThat(keyOf(last, "node-999")).isEqualTo(3); // sorts last by name: read after the change, from the snapshot
    }

    @Test
    void aContinueTokenTheServerDoesNotKnowIsGone() {
        api.createRealisticNodes(3, Spi.of(3));

        assertThatThrownBy(() -> page(2, "7:2"))
                .isInstanceOfSatisfying(KubernetesClientException.class, gone -> assertThat(gone.getCode()).isEqualTo(410));
    }

    @Test
    void aWatchFromAListsResourceVersionHearsOnlyWhatChangedSince() {
        api.createRealisticNodes(50, Spi.of(3));
        String listed = client.genericKubernetesResources(MockApiServer.CILIUM_NODE).list().getMetadata().getResourceVersion();
        List<String> heard = new CopyOnWriteArrayList<>();
        try (Watch watch = client.genericKubernetesResources(MockApiServer.CILIUM_NODE)
                .watch(new ListOptionsBuilder().withResourceVersion(listed).build(), new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, GenericKubernetesResource node) {
                        heard.add(action + " " + node.getMetadata().getName());
                    }

                    @Override
                    public void onClose(WatcherException cause) {}
                })) {
            await().atMost(Duration.ofSeconds(10)).until(() -> api.watchesServed() == 1);
            api.setKeyField(NodeName.of("node-7"), 4);

            await().atMost(Duration.ofSeconds(10)).until(() -> !heard.isEmpty());
            assertThat(heard).containsExactly("MODIFIED node-7");
        }
    }

    @Test
    void seedingRefusesANameThatIsTaken() {
        api.createNode(NodeName.of("node-2"), io.vavr.control.Option.none());

        assertThatThrownBy(() -> api.createRealisticNodes(3, Spi.of(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node-2");
    }

    private GenericKubernetesResourceList page(long limit, String continueToken) {
        return client.genericKubernetesResources(MockApiServer.CILIUM_NODE)
                .list(new ListOptionsBuilder().withLimit(limit).withContinue(continueToken).build());
    }

    @SuppressWarnings("unchecked")
    private static Object keyOf(GenericKubernetesResourceList list, String name) {
        return list.getItems().stream().filter(node -> node.getMetadata().getName().equals(name))
                .map(node -> ((java.util.Map<String, java.util.Map<String, Object>>) node.getAdditionalProperties().get("spec")).get("encryption").get("key"))
                .findFirst().orElseThrow();
    }
}
