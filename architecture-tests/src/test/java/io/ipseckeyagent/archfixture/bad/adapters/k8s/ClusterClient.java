package io.ipseckeyagent.archfixture.bad.adapters.k8s;

/** Breaks: a public adapter class that is neither the entry nor a value. */
public final class ClusterClient {
    @Override
    public String toString() {
        return "client";
    }
}
