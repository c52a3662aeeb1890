package io.ipseckeyagent.adapters.k8s;

import io.ipseckeyagent.adapters.k8s.KubernetesAdapters.AdoptionWatch;
import io.ipseckeyagent.adapters.k8s.KubernetesAdapters.ClusterWatch;
import io.ipseckeyagent.adapters.k8s.KubernetesAdapters.NodeWatch;
import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.application.port.out.AgentEventsPort;
import io.ipseckeyagent.application.port.out.ClockPort;
import io.ipseckeyagent.domain.key.NodeName;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The two CiliumNode watches as one {@link NodeWatch}: every node (publish mode) or the own one (relay mode). */
final class NodeWatches {
    private static final Logger log = LoggerFactory.getLogger(NodeWatches.class);

    private NodeWatches() {}

    static boolean startWithin(NodeWatch watch, Duration wait) {
        try {
            watch.start().toCompletableFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            watch.logListed();
        } catch (TimeoutException | ExecutionException e) {
            log.atWarn().setMessage("No CiliumNode list from the API server yet; starting anyway, the watch keeps trying")
                    .addKeyValue("waited", wait.toMillis() + "ms").log();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    static NodeWatch of(ClusterWatch watch) {
        return new NodeWatch() {
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
            public void logListed() {
                log.atInfo().setMessage("Watching CiliumNodes").addKeyValue("knownNodes", watch.knownNodes().size()).log();
            }
        };
    }

    /** Its first list is the API server's first answer, which ends health's "starting". */
    static NodeWatch of(AdoptionWatch watch, NodeName self, AgentEventsPort events, ClockPort clock) {
        return new NodeWatch() {
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
            public void logListed() {
                log.atInfo().setMessage("Watching own CiliumNode only (relay mode)").addKeyValue("nodeName", self.value())
                        .addKeyValue("spi", watch.publishedKey().map(spi -> spi.value()).getOrElse(0)).log();
            }
        };
    }
}
