package io.ipseckeyagent.archfixture.bad.adapters.fs;

import io.ipseckeyagent.archfixture.bad.adapters.k8s.ClusterClient;

/** Breaks: one adapter uses another. */
final class ReadsFromK8s {
    private final ClusterClient client = new ClusterClient();

    String read() {
        return client.toString();
    }
}
