package io.ipseckeyagent.adapters.fs;

import io.ipseckeyagent.standins.KubeletSecretVolume;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Measures how long the key file watcher takes from a kubelet-style swap of the key file to the
 * use case being called, with file events and with polling only, and prints one JSON line. A
 * benchmark, not a test: {@code ./mvnw -B -q -pl adapters-fs -am verify -DskipTests -Pdetection-latency}
 * (set {@code -Dlatency.swaps=N} and {@code -Dlatency.pollOnlyMillis=M} to change the defaults).
 */
final class DetectionLatencyBenchmark {

    public static void main(String[] args) throws Exception {
        int swaps = Integer.getInteger("swaps", 200);
        Duration pollOnlyInterval = Duration.ofMillis(Long.getLong("pollOnlyMillis", 500));
        Path root = Files.createTempDirectory("detection-latency");
        try {
            Figures events = measure(root.resolve("events"), swaps, FileSystemAdapters.DEFAULT_POLL_INTERVAL, true,
                    Duration.ofMillis(50));
            Figures pollOnly = measure(root.resolve("poll-only"), swaps, pollOnlyInterval, false, pollOnlyInterval);
            System.out.printf(Locale.ROOT, "{\"swaps\":%d,\"debounceQuietMs\":%d,\"debounceMaxMs\":%d,"
                            + "\"events\":%s,\"pollOnly\":%s}%n", swaps,
                    DebounceWindow.DEFAULT.quiet().toMillis(), DebounceWindow.DEFAULT.maxDelay().toMillis(),
                    events.json(), pollOnly.json());
        } finally {
            deleteRecursively(root);
        }
    }

    /** Swaps the key file {@code swaps} times, each after a random pause below {@code maxPause}. */
    private static Figures measure(Path dir, int swaps, Duration pollInterval, boolean useEvents, Duration maxPause)
            throws IOException, InterruptedException {
        KubeletSecretVolume kubelet = new KubeletSecretVolume(dir);
        kubelet.write(Map.of("keys", content(0)));
        BlockingQueue<Long> calls = new LinkedBlockingQueue<>();
        List<Long> latencies = new ArrayList<>();
        int missed = 0;
        int extraCalls = 0;
        try (FileSystemAdapters.KeyFileWatch watcher = FileSystemAdapters.keyFileWatcher(dir.resolve("keys"),
                pollInterval, useEvents, () -> calls.add(System.nanoTime()))) {
            watcher.start();
            for (int swap = 1; swap <= swaps; swap++) {
                // Random pauses land swaps anywhere in the poll cycle.
                TimeUnit.NANOSECONDS.sleep(ThreadLocalRandom.current().nextLong(maxPause.toNanos()));
                extraCalls += calls.size();
                calls.clear();
                long swappedAt = System.nanoTime(); // before the new directory is written: the conservative start
                kubelet.write(Map.of("keys", content(swap)));
                Long calledAt = calls.poll(pollInterval.toMillis() + 2_000, TimeUnit.MILLISECONDS);
                if (calledAt == null) {
                    missed++;
                } else {
                    latencies.add(calledAt - swappedAt);
                }
            }
            extraCalls += calls.size();
        }
        return new Figures(useEvents, pollInterval, latencies, missed, extraCalls);
    }

    private record Figures(boolean events, Duration pollInterval, List<Long> latencies, int missed, int extraCalls) {
        String json() {
            List<Long> sorted = latencies.stream().sorted(Comparator.naturalOrder()).toList();
            return String.format(Locale.ROOT, "{\"fileEvents\":%b,\"pollIntervalMs\":%d,\"detected\":%d,\"missed\":%d,"
                            + "\"extraCalls\":%d,\"p50Ms\":%.1f,\"p99Ms\":%.1f,\"maxMs\":%.1f}",
                    events, pollInterval.toMillis(), sorted.size(), missed, extraCalls,
                    millis(percentile(sorted, 50)), millis(percentile(sorted, 99)), millis(percentile(sorted, 100)));
        }

        /** Nearest-rank percentile. */
        private static long percentile(List<Long> sorted, int percent) {
            if (sorted.isEmpty()) {
                return -1;
            }
            int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
            return sorted.get(Math.max(rank, 1) - 1);
        }

        private static double millis(long nanos) {
            return nanos / 1e6;
        }
    }

    private static byte[] content(int version) {
        return ("version " + version + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
