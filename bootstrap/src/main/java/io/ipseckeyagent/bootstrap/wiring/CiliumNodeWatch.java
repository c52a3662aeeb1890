package io.ipseckeyagent.bootstrap.wiring;

import io.ipseckeyagent.adapters.k8s.KubernetesAdapters.AdoptionWatch;
import io.ipseckeyagent.adapters.k8s.KubernetesAdapters.ClusterWatch;
import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.application.port.out.AgentEventsPort;
import io.ipseckeyagent.application.port.out.ClockPort;
import io.ipseckeyagent.domain.key.NodeName;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;

/**
 * The one CiliumNode watch the mode needs, as the lifecycle starts and stops it: every CiliumNode
 * in publish mode (the cluster view and "Node updated"), only the own one in relay mode.
 */
public interface CiliumNodeWatch extends AutoCloseable {
    /** Starts watching; completes once the first list is handled. */
    CompletionStage<Void> start();

    @Override
    void close();

    /** The lifecycle's name for it. */
    String part();

    /** Logs that the first list is in, with what it found. */
    void logListed(Logger log);

    static CiliumNodeWatch of(ClusterWatch watch) {
        return new CiliumNodeWatch() {
            @Override
            public CompletionStage<Void> start() {
                return watch.start();
            }

            @Override
            public void close() {
                watch.close();
            }

            @Override
            public String part() {
                return "CiliumNode watch";
            }

            @Override
            public void logListed(Logger log) {
                log.atInfo().setMessage("Watching CiliumNodes").addKeyValue("knownNodes", watch.knownNodes().size()).log();
            }
        };
    }

    /** Relay mode; its first list is the API server's first answer, which ends health's "starting". */
    static CiliumNodeWatch of(AdoptionWatch watch, NodeName self, AgentEventsPort events, ClockPort clock) {
        return new CiliumNodeWatch() {
            @Override
            public CompletionStage<Void> start() {
                return watch.start().thenRun(() -> events.emit(new AgentEvent.ClusterViewSynced(clock.now(), 1)));
            }

            @Override
            public void close() {
                watch.close();
            }

            @Override
            public String part() {
                return "own CiliumNode watch";
            }

            @Override
            public void logListed(Logger log) {
                log.atInfo().setMessage("Watching own CiliumNode only (relay mode)").addKeyValue("nodeName", self.value())
                        .addKeyValue("spi", watch.publishedKey().map(spi -> spi.value()).getOrElse(0)).log();
            }
        };
    }
}
