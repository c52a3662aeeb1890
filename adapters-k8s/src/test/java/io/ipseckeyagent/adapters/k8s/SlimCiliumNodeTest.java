package io.ipseckeyagent.adapters.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The slim view of a CiliumNode reads what the generic one reads, and keeps nothing else. */
class SlimCiliumNodeTest {
    private static final NodeName NODE = NodeName.of("node-b");
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    @Test
    void aRealisticNodeKeepsNameVersionAndKeyOnly() {
        SlimCiliumNode node = JSON.unmarshal(ciliumNode("{\"key\":7}"), SlimCiliumNode.class);

        assertThat(node.getMetadata().getName()).isEqualTo("node-b");
        assertThat(node.getMetadata().getResourceVersion()).isEqualTo("4711");
        assertThat(node.getMetadata().getUid()).isNull();
        assertThat(node.getMetadata().getLabels()).isNullOrEmpty();
        assertThat(node.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(node.key().read(NODE)).isEqualTo(Either.right(Option.some(Spi.of(7))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"key\":7}", "{\"key\":0}", "{}", "null", "{\"key\":null}", "{\"key\":\"three\"}", "{\"key\":99}",
            "{\"key\":-1}", "{\"key\":3.0}", "{\"key\":123456789012345678901234567890}", "{\"key\":{\"a\":1}}", "[1,2]", "\"x\""})
    void everyEncryptionFieldReadsAsTheGenericResourceReadsIt(String encryption) {
        String json = ciliumNode(encryption);

        Either<String, Option<Spi>> slim = JSON.unmarshal(json, SlimCiliumNode.class).key().read(NODE);

        assertThat(slim).isEqualTo(CiliumNodes.publishedKey(NODE, JSON.unmarshal(json, GenericKubernetesResource.class)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "\"text\"", "[]", "{}"})
    void aMissingOrOddSpecReadsAsTheGenericResourceReadsIt(String spec) {
        String json = "{\"apiVersion\":\"cilium.io/v2\",\"kind\":\"CiliumNode\",\"metadata\":{\"name\":\"node-b\"},\"spec\":" + spec + "}";

        Either<String, Option<Spi>> slim = JSON.unmarshal(json, SlimCiliumNode.class).key().read(NODE);

        assertThat(slim).isEqualTo(CiliumNodes.publishedKey(NODE, JSON.unmarshal(json, GenericKubernetesResource.class)));
    }

    @Test
    void aNodeWithoutSpecHasNoKey() {
        SlimCiliumNode node = JSON.unmarshal("{\"metadata\":{\"name\":\"node-b\"}}", SlimCiliumNode.class);

        assertThat(node.key().read(NODE)).isEqualTo(Either.right(Option.none()));
    }

    /** Shaped like what Cilium writes: labels, managed fields, addresses, IPAM around the one field we read. */
    static String ciliumNode(String encryption) {
        return """
                {"apiVersion":"cilium.io/v2","kind":"CiliumNode",
                 "metadata":{"name":"node-b","resourceVersion":"4711","uid":"u-1","generation":3,
                   "labels":{"kubernetes.io/hostname":"node-b","topology.kubernetes.io/zone":"z1"},
                   "ownerReferences":[{"apiVersion":"v1","kind":"Node","name":"node-b","uid":"n-1"}],
                   "managedFields":[{"manager":"cilium-agent","operation":"Update","fieldsV1":{"f:spec":{"f:addresses":{}}}}]},
                 "spec":{"addresses":[{"ip":"10.0.0.2","type":"InternalIP"},{"ip":"10.1.0.1","type":"CiliumInternalIP"}],
                   "alibaba-cloud":{},"azure":{},"eni":{},"health":{"ipv4":"10.1.0.9"},"ingress":{},
                   "ipam":{"podCIDRs":["10.1.0.0/24"],"pools":{}},
                   "encryption":%s,
                   "bootid":"b-1"},
                 "status":{"alibaba-cloud":{},"azure":{},"eni":{},"ipam":{"operator-status":{}}}}
                """.formatted(encryption);
    }
}
