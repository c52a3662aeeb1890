package io.ipseckeyagent.domain.jitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

class JitterPolicyTest {
    private static final Duration MAX = Duration.ofSeconds(150);
    private static final NodeName NODE = NodeName.of("node-0042");
    private static final SortedSet<NodeName> TWO_HUNDRED = nodes(200);

    private static JitterInput input(Duration max, NodeName node, Spi spi, SortedSet<NodeName> known, SplittableRandom random) {
        return new JitterInput(max, node, spi, () -> known, random::nextDouble);
    }

    private static SortedSet<NodeName> nodes(int count) {
        return TreeSet.ofAll(IntStream.range(0, count).mapToObj(i -> NodeName.of(String.format("node-%05d", i))));
    }

    @Test
    void uniformSpreadsTenThousandDrawsEvenly() {
        SplittableRandom random = new SplittableRandom(7);
        double[] fractions = new double[10_000];
        for (int i = 0; i < fractions.length; i++) {
            Duration delay = JitterPolicy.uniform().delay(input(MAX, NODE, Spi.of(3), TreeSet.empty(), random));
            fractions[i] = (double) delay.toMillis() / MAX.toMillis();
        }

        assertThat(ChiSquare.ofFractions(fractions)).isLessThan(ChiSquare.CRITICAL_19_DF);
    }

    @Test
    void nodeHashSpreadsTenThousandNodeNamesEvenly() {
        double[] fractions = nodes(10_000).toJavaStream()
                .mapToDouble(node -> JitterPolicy.NodeHash.fraction(node, Spi.of(4)))
                .toArray();

        assertThat(ChiSquare.ofFractions(fractions)).isLessThan(ChiSquare.CRITICAL_19_DF);
    }

    @Test
    void nodeHashIsStableAndNeedsNoRandomness() {
        JitterInput noRandom = new JitterInput(MAX, NODE, Spi.of(4), TreeSet::empty, () -> {
            throw new AssertionError("node-hash must not draw");
        });

        assertThat(JitterPolicy.nodeHash().delay(noRandom)).isEqualTo(JitterPolicy.nodeHash().delay(noRandom));
    }

    @Test
    void nodeHashDoesNotMakeTheSameNodeLastEveryRotation() {
        SortedSet<NodeName> fleet = nodes(1_000);
        var lastPerSpi = io.vavr.collection.List.rangeClosed(1, 15)
                .map(spi -> fleet.maxBy(node -> JitterPolicy.NodeHash.fraction(node, Spi.of(spi))))
                .distinct();

        assertThat(lastPerSpi.size()).isGreaterThan(10);
    }

    @Test
    void rankGivesExactlyOneNodePerSlot() {
        SortedSet<NodeName> fleet = nodes(1_000);
        SplittableRandom random = new SplittableRandom(11);
        long max = MAX.toMillis();
        int[] perSlot = new int[fleet.size()];
        for (NodeName node : fleet) {
            long delay = JitterPolicy.rank().delay(input(MAX, node, Spi.of(5), fleet, random)).toMillis();
            int slot = IntStream.range(0, fleet.size())
                    .filter(r -> JitterPolicy.Rank.slotStart(r, fleet.size(), max) <= delay
                            && delay < JitterPolicy.Rank.slotStart(r + 1, fleet.size(), max))
                    .findFirst().orElseThrow();
            perSlot[slot]++;
        }

        assertThat(perSlot).containsOnly(1);
    }

    @Test
    void rankFallsBackToNodeHashForANodeItDoesNotKnow() {
        SortedSet<NodeName> fleet = nodes(10);
        NodeName stranger = NodeName.of("zz-new-node");

        Duration rank = JitterPolicy.rank().delay(input(MAX, stranger, Spi.of(6), fleet, new SplittableRandom(1)));
        Duration hash = JitterPolicy.nodeHash().delay(input(MAX, stranger, Spi.of(6), fleet, new SplittableRandom(1)));

        assertThat(rank).isEqualTo(hash);
    }

    @Test
    void disabledIsZero() {
        assertThat(JitterPolicy.disabled().delay(input(MAX, NODE, Spi.of(1), TreeSet.empty(), new SplittableRandom(1))))
                .isZero();
    }

    @Test
    void everyPolicyStaysWithinZeroAndMax() {
        var policies = Generate.pick(java.util.List.of(JitterPolicy.uniform(), JitterPolicy.nodeHash(),
                JitterPolicy.rank(), JitterPolicy.disabled()));
        qt().withFixedSeed(42L).withExamples(5_000).forAll(policies, longs().between(0, 86_400_000L),
                integers().between(0, 300), longs().all()).checkAssert((policy, maxMillis, index, seed) -> {
                    Duration max = Duration.ofMillis(maxMillis);
                    NodeName node = NodeName.of(String.format("node-%05d", index));
                    Spi spi = Spi.of(1 + Math.floorMod(seed, 15));

                    Duration delay = policy.delay(input(max, node, spi, TWO_HUNDRED, new SplittableRandom(seed)));

                    assertThat(delay).isBetween(Duration.ZERO, max);
                });
    }

    @Test
    void policiesAreFoundByTheirConfiguredNames() {
        assertThat(JitterPolicy.NAMES.map(name -> JitterPolicy.parse(name).map(JitterPolicy::name).getOrElse("?")))
                .containsExactlyElementsOf(JitterPolicy.NAMES);
        assertThat(JitterPolicy.parse("random").getLeft())
                .isEqualTo("unknown jitter policy 'random'; use one of uniform, node-hash, rank, cilium, disabled");
    }
}
