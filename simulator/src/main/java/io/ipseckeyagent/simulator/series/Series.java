package io.ipseckeyagent.simulator.series;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run second by second, from the Secret change (second 0) to the last second in which a PATCH
 * arrived, a watch event went out or a node adopted the key: nothing after, so a series is as long
 * as the rotation, not as the run. The arrays are the record's own; do not change them.
 *
 * @param label the scenario or rotation (a file name part: letters, digits and dashes)
 * @param patches PATCH requests the API server received in each second, rejected ones included
 * @param watchEvents watch events the API server sent in each second
 * @param adopted nodes that had adopted the new key by the end of each second
 */
public record Series(String label, int[] patches, long[] watchEvents, int[] adopted) {

    public Series {
        if (patches.length != watchEvents.length || patches.length != adopted.length) {
            throw new IllegalArgumentException("series of different lengths");
        }
    }

    /** From per-second counts of unequal lengths; adoptions are counted per second and summed up here. */
    public static Series of(String label, int[] patchesPerSecond, long[] watchEventsPerSecond, int[] adoptionsPerSecond) {
        int seconds = Math.max(lastActive(patchesPerSecond), Math.max(lastActive(watchEventsPerSecond),
                lastActive(adoptionsPerSecond))) + 1;
        int[] adopted = new int[seconds];
        int sum = 0;
        for (int second = 0; second < seconds; second++) {
            sum += second < adoptionsPerSecond.length ? adoptionsPerSecond[second] : 0;
            adopted[second] = sum;
        }
        return new Series(label, Arrays.copyOf(patchesPerSecond, seconds), Arrays.copyOf(watchEventsPerSecond, seconds),
                adopted);
    }

    public int seconds() {
        return patches.length;
    }

    /** {@code {seconds, patchesPerSecond, watchEventsPerSecond, adoptedNodes}}: the arrays one value per second. */
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seconds", seconds());
        json.put("patchesPerSecond", Arrays.stream(patches).boxed().toList());
        json.put("watchEventsPerSecond", Arrays.stream(watchEvents).boxed().toList());
        json.put("adoptedNodes", Arrays.stream(adopted).boxed().toList());
        return json;
    }

    double patchesAt(int second) {
        return patches[second];
    }

    double watchEventsAt(int second) {
        return watchEvents[second];
    }

    double adoptedAt(int second) {
        return adopted[second];
    }

    /** A header line, then one line per second. */
    public String csv() {
        StringBuilder csv = new StringBuilder("second,patch_requests,watch_events,adopted_nodes\n");
        for (int second = 0; second < seconds(); second++) {
            csv.append(second).append(',').append(patches[second]).append(',').append(watchEvents[second]).append(',')
                    .append(adopted[second]).append('\n');
        }
        return csv.toString();
    }

    /** watch events = writes x watchers, per second. */
    public static long[] times(int[] perSecond, long factor) {
        return Arrays.stream(perSecond).mapToLong(count -> count * factor).toArray();
    }

    private static int lastActive(int[] counts) {
        int last = -1;
        for (int i = 0; i < counts.length; i++) {
            last = counts[i] != 0 ? i : last;
        }
        return last;
    }

    private static int lastActive(long[] counts) {
        int last = -1;
        for (int i = 0; i < counts.length; i++) {
            last = counts[i] != 0 ? i : last;
        }
        return last;
    }
}
