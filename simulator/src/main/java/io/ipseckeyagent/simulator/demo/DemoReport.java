package io.ipseckeyagent.simulator.demo;

import io.ipseckeyagent.domain.time.GoDuration;
import io.ipseckeyagent.simulator.format.Json;
import io.ipseckeyagent.simulator.series.SeriesFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The demo's result as bar charts of PATCH requests per second, or as one JSON object. */
public final class DemoReport {
    private static final int WIDEST_BAR = 50;

    private DemoReport() {}

    public static String text(DemoResult result) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d real agents in one JVM against the %s.%n%s: every PATCH is a"
                        + " \"Node updated\" event for each of the %d other agents.%n", result.nodes(), result.apiServer(),
                result.watches(), result.nodes() - 1));
        int rotation = 0;
        for (RotationResult r : result.rotations()) {
            rotation++;
            out.append(String.format(Locale.ROOT, "%nRotation %d: SPI %s -> %s, %s%n", rotation, r.from(), r.to(),
                    r.jitter().equals("disabled") ? "jitter disabled (as Cilium before 2026)"
                            : r.jitter() + " jitter up to " + GoDuration.format(r.jitterMax())));
            out.append("PATCH requests the API server received, per second after the Secret changed:\n");
            out.append(bars(r.patchesPerSecond()));
            int[] perNode = r.patchesPerNode().values().stream().mapToInt(Integer::intValue).toArray();
            // Relay mode counts no "Node updated": its agents watch only their own node.
            String nodeUpdated = r.nodeUpdatedPerSecond().length == 0 ? "" : String.format(Locale.ROOT,
                    "%,d \"Node updated\" events (peak %,d/s); ", r.nodeUpdated(), r.peakNodeUpdatedPerSecond());
            out.append(String.format(Locale.ROOT, "peak %d PATCH/s; %d PATCHes for %d nodes (%s per node); %s%d of %d"
                            + " CiliumNodes carry SPI %s%s%n",
                    r.peakPatchesPerSecond(), r.patches(), r.patchesPerNode().size(), range(perNode), nodeUpdated,
                    r.nodesCarryingNewSpi(), result.nodes(), r.to(),
                    r.allPublishedAfter().map(after -> String.format(Locale.ROOT, ", all published after %.1fs",
                            after.toMillis() / 1000.0)).getOrElse(", NOT all published")));
        }
        peakReduction(result).ifPresent(ratio -> out.append(String.format(Locale.ROOT,
                "%nWith jitter the busiest second took %.1fx fewer PATCHes than without.%n", ratio)));
        return out.toString();
    }

    public static String json(DemoResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("nodes", result.nodes());
        json.put("apiServer", result.apiServer());
        json.put("watches", result.watches());
        json.put("rotations", result.rotations().stream().map(DemoReport::rotation).toList());
        json.put("peakReduction", peakReduction(result).map(ratio -> Math.round(ratio * 10) / 10.0).orElse(null));
        return Json.render(json);
    }

    /** {@code demo-N-<rotation>.csv} per rotation and {@code demo-N.png} of both into {@code directory}; returns them. */
    public static List<Path> files(DemoResult result, Path directory) throws IOException {
        return files(result, directory, "demo");
    }

    /** As {@link #files(DemoResult, Path)}, named {@code prefix-N...} ({@code demo-relay} for relay mode's run). */
    public static List<Path> files(DemoResult result, Path directory, String prefix) throws IOException {
        return SeriesFiles.write(directory, prefix + "-" + result.nodes(),
                String.format(Locale.ROOT, "What the API server saw: %d real agents, one rotation per line", result.nodes()),
                "demo: " + result.watches() + (countsNodeUpdated(result)
                        ? "; watch events are the \"Node updated\" events the agents received"
                        : "; the stand-ins watch no node, so no watch events are counted (on a cluster each PATCH reaches the N - 1 others)"),
                result.rotations().stream().map(RotationResult::series).toList());
    }

    /** Whether the agents counted "Node updated" events (relay mode's stand-ins watch no node), as the text says. */
    private static boolean countsNodeUpdated(DemoResult result) {
        return result.rotations().stream().anyMatch(r -> r.nodeUpdatedPerSecond().length > 0);
    }

    private static Map<String, Object> rotation(RotationResult r) {
        int[] perNode = r.patchesPerNode().values().stream().mapToInt(Integer::intValue).toArray();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("jitter", r.jitter());
        json.put("jitterMax", GoDuration.format(r.jitterMax()));
        json.put("fromSpi", r.from().value());
        json.put("toSpi", r.to().value());
        json.put("patches", r.patches());
        json.put("peakPatchesPerSecond", r.peakPatchesPerSecond());
        json.put("patchesPerSecond", Arrays.stream(r.patchesPerSecond()).boxed().toList());
        json.put("patchedNodes", r.patchesPerNode().size());
        json.put("patchesPerNodeMin", Arrays.stream(perNode).min().orElse(0));
        json.put("patchesPerNodeMax", Arrays.stream(perNode).max().orElse(0));
        json.put("nodeUpdatedEvents", r.nodeUpdated());
        json.put("peakNodeUpdatedPerSecond", r.peakNodeUpdatedPerSecond());
        json.put("allPublishedAfterSeconds", r.allPublishedAfter().map(d -> d.toMillis() / 1000.0).getOrNull());
        json.put("nodesCarryingNewSpi", r.nodesCarryingNewSpi());
        json.put("series", r.series().json());
        return json;
    }

    /** One bar per second; scaled down only when a second holds more than fits. */
    static String bars(int[] perSecond) {
        int peak = Arrays.stream(perSecond).max().orElse(0);
        double scale = peak > WIDEST_BAR ? (double) WIDEST_BAR / peak : 1;
        StringBuilder out = new StringBuilder();
        for (int second = 0; second < perSecond.length; second++) {
            int count = perSecond[second];
            int width = count == 0 ? 0 : Math.max(1, (int) Math.round(count * scale));
            out.append(String.format(Locale.ROOT, "%4ds |%s%s%n", second, "#".repeat(width),
                    count == 0 ? "" : " " + count));
        }
        return out.toString();
    }

    private static java.util.Optional<Double> peakReduction(DemoResult result) {
        List<RotationResult> rotations = result.rotations();
        java.util.Optional<RotationResult> without = rotations.stream().filter(r -> r.jitter().equals("disabled")).findFirst();
        java.util.Optional<RotationResult> with = rotations.stream().filter(r -> !r.jitter().equals("disabled")).findFirst();
        if (without.isEmpty() || with.isEmpty() || with.get().peakPatchesPerSecond() == 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of((double) without.get().peakPatchesPerSecond() / with.get().peakPatchesPerSecond());
    }

    private static String range(int[] values) {
        int min = Arrays.stream(values).min().orElse(0);
        int max = Arrays.stream(values).max().orElse(0);
        return min == max ? Integer.toString(min) : min + " to " + max;
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
    }
}
