package io.ipseckeyagent.adapters.k8s;

import io.ipseckeyagent.standins.MockApiServer;
import io.ipseckeyagent.application.port.out.NodeKeyPublisherPort;
import io.ipseckeyagent.application.port.out.PublishOutcome;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Prints, as one JSON line, the publisher's latency against fabric8's mock API server on loopback
 * (median and p99 over N sequential publishes, after a warm-up) and the HTTP requests each publish
 * sent. Run: {@code ./mvnw -B -q -pl adapters-k8s -am -Pfigures -DskipTests verify} (N = 200;
 * {@code -Dfigures.publishes=N} to change it).
 */
public final class PublishFigures {
    private static final int WARM_UP = 50;

    private PublishFigures() {}

    public static void main(String[] args) {
        int publishes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        NodeName node = NodeName.of("node-a");
        try (MockApiServer api = new MockApiServer()) {
            NodeKeyPublisherPort publisher = KubernetesAdapters.publisher(api.newClient(config -> KubernetesAdapters.tuned(config, KubernetesAdapters.ClientSettings.defaults())), false);
            api.createNode(node, Option.none());
            Spi spi = Spi.of(1);
            for (int i = 0; i < WARM_UP; i++) {
                spi = spi.next();
                publishOnce(publisher, node, spi);
            }
            int requestsBefore = api.requestCount();
            long[] nanos = new long[publishes];
            for (int i = 0; i < publishes; i++) {
                spi = spi.next();
                long start = System.nanoTime();
                publishOnce(publisher, node, spi);
                nanos[i] = System.nanoTime() - start;
            }
            int requests = api.requestCount() - requestsBefore;
            Arrays.sort(nanos);
            System.out.println(String.format(Locale.ROOT,
                    "{\"what\":\"publish latency, fabric8 %s mock API server (CRUD) on loopback, sequential\","
                            + "\"publishes\":%d,\"median_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,"
                            + "\"http_requests_per_publish\":%.2f,\"java\":\"%s\",\"cpus\":%d}",
                    io.fabric8.kubernetes.client.Version.clientVersion(), publishes,
                    millis(percentile(nanos, 50)), millis(percentile(nanos, 99)), millis(nanos[publishes - 1]),
                    (double) requests / publishes, System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors()));
            if (!api.keyOf(node).contains(spi)) {
                throw new IllegalStateException("the server does not hold the last key published");
            }
        }
    }

    private static void publishOnce(NodeKeyPublisherPort publisher, NodeName node, Spi spi) {
        PublishOutcome outcome = publisher.publish(node, spi).toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        if (!(outcome instanceof PublishOutcome.Published)) {
            throw new IllegalStateException("publish failed: " + outcome);
        }
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
