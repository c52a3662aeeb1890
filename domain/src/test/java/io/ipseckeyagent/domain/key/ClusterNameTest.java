package io.ipseckeyagent.domain.key;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClusterNameTest {
    @Test
    void acceptsWhatCiliumAccepts() {
        assertThat(ClusterName.parse("default").get()).isEqualTo("default");
        assertThat(ClusterName.parse("prod-2").get()).isEqualTo("prod-2");
        assertThat(ClusterName.parse("a".repeat(32)).isRight()).isTrue();
    }

    @Test
    void refusesUpperCaseSpacesEdgeDashesAndMoreThan32Characters() {
        for (String name : new String[] {"Prod", "prod cluster", "-prod", "prod-", "a".repeat(33), ""}) {
            assertThat(ClusterName.parse(name).getLeft()).as(name).startsWith("\"" + name + "\" is not a Cilium cluster name");
        }
    }
}
