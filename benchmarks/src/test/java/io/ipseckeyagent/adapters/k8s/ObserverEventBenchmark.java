package io.ipseckeyagent.adapters.k8s;

import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.ipseckeyagent.application.port.in.ObserveRemoteNodeUseCase;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The observer's handling of one CiliumNode watch event, as fabric8's watch hands it over: the
 * event's JSON read (object first as a generic resource, then converted to the slim view), then the
 * observer's update (a key change, so the core is told). In this package to reach the adapter's
 * package-private classes; no API server is contacted (the observer is never started).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ObserverEventBenchmark {
    private static final NodeName SELF = NodeName.of("node-a");

    private final String[] events = {event(3), event(4)};
    private KubernetesClient client;
    private KubernetesSerialization json;
    private CiliumNodeObserver observer;
    private Blackhole sink;
    private int next;

    @Setup
    public void setUp(Blackhole blackhole) {
        sink = blackhole;
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:9").build()).build();
        json = client.getKubernetesSerialization();
        observer = new CiliumNodeObserver(client, new ObserveRemoteNodeUseCase() {
            @Override
            public void remoteNodeKeyChanged(NodeName node, Option<Spi> spi) {
                sink.consume(spi);
            }

            @Override
            public void remoteNodeRemoved(NodeName node) {
                sink.consume(node);
            }
        }, SELF, KubernetesAdapters.ViewReporting.quiet());
    }

    @TearDown
    public void tearDown() {
        observer.close();
        client.close();
    }

    @Benchmark
    public SlimCiliumNode watchEvent() {
        SlimCiliumNode node = slim(events[next]);
        next ^= 1;
        observer.handle(Watcher.Action.MODIFIED, node);
        return node;
    }

    private SlimCiliumNode slim(String message) {
        WatchEvent event = json.unmarshal(message, WatchEvent.class);
        return json.convertValue(event.getObject(), SlimCiliumNode.class);
    }

    /** A MODIFIED event carrying a CiliumNode shaped like what Cilium writes. */
    private static String event(int key) {
        return """
                {"type":"MODIFIED","object":{"apiVersion":"cilium.io/v2","kind":"CiliumNode",
                 "metadata":{"name":"node-b","resourceVersion":"%d","uid":"u-1","generation":3,
                   "labels":{"kubernetes.io/hostname":"node-b","topology.kubernetes.io/zone":"z1","kubernetes.io/arch":"amd64"},
                   "ownerReferences":[{"apiVersion":"v1","kind":"Node","name":"node-b","uid":"n-1"}]},
                 "spec":{"addresses":[{"ip":"10.0.0.2","type":"InternalIP"},{"ip":"10.1.0.1","type":"CiliumInternalIP"}],
                   "alibaba-cloud":{},"azure":{},"eni":{},"health":{"ipv4":"10.1.0.9"},"ingress":{},
                   "ipam":{"podCIDRs":["10.1.0.0/24"],"pools":{}},"encryption":{"key":%d},"bootid":"b-1"},
                 "status":{"alibaba-cloud":{},"azure":{},"eni":{},"ipam":{"operator-status":{}}}}}
                """.formatted(4700 + key, key);
    }
}
