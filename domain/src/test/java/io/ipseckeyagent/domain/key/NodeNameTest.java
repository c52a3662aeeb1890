package io.ipseckeyagent.domain.key;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What Kubernetes accepts as a node name (an RFC 1123 subdomain), and nothing else. */
class NodeNameTest {
    @ParameterizedTest
    @ValueSource(strings = {"node-1", "ip-10-0-0-1.ec2.internal", "a", "0"})
    void acceptsWhatKubernetesAccepts(String name) {
        assertThat(NodeName.parse(name).map(NodeName::value).toJavaOptional()).contains(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Node-1", "-node", "node-", "node_1", "node..1"})
    void refusesTheRestSayingWhy(String name) {
        assertThat(NodeName.parse(name).getLeft()).startsWith("\"" + name + "\" is not a Kubernetes node name");
    }
}
