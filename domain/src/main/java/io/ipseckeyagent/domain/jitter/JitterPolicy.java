package io.ipseckeyagent.domain.jitter;

import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.collection.List;
import io.vavr.collection.SortedSet;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * How one node picks its delay for one detected change, in [0, max], with millisecond resolution.
 * Drawn once per rotation; later changes during the wait join it without a new draw, except with
 * {@link Cilium}, which does not coalesce ({@link #coalesces()}).
 */
public sealed interface JitterPolicy {

    /** The name operators configure: {@code uniform}, {@code node-hash}, {@code rank}, {@code cilium}, {@code disabled}. */
    String name();

    Duration delay(JitterInput input);

    /**
     * True when changes seen during a rotation join it (one wait, one load); false for {@link Cilium},
     * which gives each change its own wait and load ({@code RotationRules.coalesce}).
     */
    default boolean coalesces() {
        return true;
    }

    /** Every policy, in the order help and docs list them: the one list flags, config and scenarios derive from. */
    List<JitterPolicy> ALL = List.of(new Uniform(), new NodeHash(), new Rank(), new Cilium(), new Disabled());

    List<String> NAMES = ALL.map(JitterPolicy::name);

    static JitterPolicy uniform() {
        return new Uniform();
    }

    static JitterPolicy nodeHash() {
        return new NodeHash();
    }

    static JitterPolicy rank() {
        return new Rank();
    }

    static JitterPolicy cilium() {
        return new Cilium();
    }

    static JitterPolicy disabled() {
        return new Disabled();
    }

    /** The policy called {@code name}; the left side lists the names allowed. */
    static Either<String, JitterPolicy> parse(String name) {
        return ALL.find(policy -> policy.name().equals(name))
                .toEither(() -> "unknown jitter policy '" + name + "'; use one of " + NAMES.mkString(", "));
    }

    /** U x max, U uniform in [0, 1): independent per node, no coordination. */
    record Uniform() implements JitterPolicy {
        @Override
        public String name() {
            return "uniform";
        }

        @Override
        public Duration delay(JitterInput input) {
            return Duration.ofMillis((long) (input.random().getAsDouble() * input.max().toMillis()));
        }
    }

    /**
     * A stable hash of (node name, SPI) mapped onto [0, max): reproducible and debuggable, and since
     * the SPI changes every rotation, no node is last every time. The hash is 64-bit FNV-1a of the
     * name's UTF-8 bytes, a zero byte and the SPI, finished with SplitMix64's mixer.
     */
    record NodeHash() implements JitterPolicy {
        @Override
        public String name() {
            return "node-hash";
        }

        @Override
        public Duration delay(JitterInput input) {
            return Duration.ofMillis((long) (fraction(input.node(), input.spi()) * input.max().toMillis()));
        }

        /** The node's place in [0, 1) for this SPI. */
        public static double fraction(NodeName node, Spi spi) {
            long hash = 0xcbf29ce484222325L;
            for (byte b : node.value().getBytes(StandardCharsets.UTF_8)) {
                hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
            }
            hash *= 0x100000001b3L; // a zero byte between name and SPI
            hash = (hash ^ spi.value()) * 0x100000001b3L;
            return (mix(hash) >>> 11) * 0x1.0p-53;
        }

        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            return z ^ (z >>> 31);
        }
    }

    /**
     * Even spread by rank: with the known nodes sorted, node r of n gets a random point in slot r of n
     * equal slots of [0, max). A node missing from the known nodes falls back to {@link NodeHash}.
     */
    record Rank() implements JitterPolicy {
        @Override
        public String name() {
            return "rank";
        }

        @Override
        public Duration delay(JitterInput input) {
            SortedSet<NodeName> known = input.knownNodes().get();
            int rank = rankOf(input.node(), known);
            if (rank < 0) {
                return new NodeHash().delay(input);
            }
            long max = input.max().toMillis();
            long slotStart = slotStart(rank, known.size(), max);
            long slotWidth = slotStart(rank + 1, known.size(), max) - slotStart;
            return Duration.ofMillis(slotStart + (long) (input.random().getAsDouble() * slotWidth));
        }

        /** Where slot {@code rank} of {@code n} begins, in milliseconds; slots tile [0, max) exactly. */
        public static long slotStart(int rank, int n, long maxMillis) {
            return maxMillis * rank / n;
        }

        /** Binary search in the view's index: O(log n) per draw once the view is indexed. */
        private static int rankOf(NodeName node, SortedSet<NodeName> known) {
            int rank = RankIndex.of(known).search(node);
            return rank >= 0 ? rank : -1;
        }
    }

    /**
     * Cilium main's rule (cilium/cilium#44263: {@code keyfileWatcher} in
     * {@code pkg/datapath/linux/ipsec/ipsec_linux.go}, {@code MaxKeyRotationJitter} in {@code cell.go}):
     * uniform over {@code keyRotationDuration / 10}, not sized by the cluster and not capped; the
     * maximum comes from {@link JitterSettings#forPolicy}. Like Cilium, it does not coalesce: a change
     * that arrives during the wait gets a second draw and load after the first (where Cilium's reload
     * of an unchanged one-key file fails, this agent reports the keys unchanged).
     */
    record Cilium() implements JitterPolicy {
        @Override
        public String name() {
            return "cilium";
        }

        @Override
        public boolean coalesces() {
            return false;
        }

        @Override
        public Duration delay(JitterInput input) {
            return new Uniform().delay(input);
        }
    }

    /** No delay: act at once, as Cilium releases before cilium/cilium#44263 do. */
    record Disabled() implements JitterPolicy {
        @Override
        public String name() {
            return "disabled";
        }

        @Override
        public Duration delay(JitterInput input) {
            return Duration.ZERO;
        }
    }
}
