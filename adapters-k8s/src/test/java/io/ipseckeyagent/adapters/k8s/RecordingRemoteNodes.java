package io.ipseckeyagent.adapters.k8s;

import io.ipseckeyagent.application.port.in.ObserveRemoteNodeUseCase;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The core's remote-node use case as a list of what it was told, e.g. {@code "node-b key 3"}, {@code "node-b removed"}. */
final class RecordingRemoteNodes implements ObserveRemoteNodeUseCase {
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void remoteNodeKeyChanged(NodeName node, Option<Spi> spi) {
        calls.add(node + " key " + spi.map(Spi::toString).getOrElse("none"));
    }

    @Override
    public void remoteNodeRemoved(NodeName node) {
        calls.add(node + " removed");
    }

    List<String> calls() {
        return List.copyOf(calls);
    }
}
