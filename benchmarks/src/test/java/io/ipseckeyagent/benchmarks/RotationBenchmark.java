package io.ipseckeyagent.benchmarks;

import io.ipseckeyagent.adapters.inmemory.InMemoryClusterView;
import io.ipseckeyagent.adapters.inmemory.InMemoryDatapath;
import io.ipseckeyagent.adapters.inmemory.InMemoryKeyFileSource;
import io.ipseckeyagent.adapters.inmemory.InMemoryNodeKeyPublisher;
import io.ipseckeyagent.adapters.inmemory.SeededRandom;
import io.ipseckeyagent.adapters.inmemory.VirtualTime;
import io.ipseckeyagent.application.service.AgentSettings;
import io.ipseckeyagent.application.service.RotationService;
import io.ipseckeyagent.domain.jitter.JitterPolicy;
import io.ipseckeyagent.domain.jitter.JitterSettings;
import io.ipseckeyagent.domain.jitter.RetryBackoff;
import io.ipseckeyagent.domain.key.NodeName;
import io.vavr.collection.TreeSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One key rotation through the real {@link RotationService} on virtual time: the key file changes,
 * the agent reads and parses it, waits its jitter (virtual), applies, publishes and settles.
 * In-memory adapters; the cluster has {@code nodes} nodes (the jitter policy sees them all).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RotationBenchmark {
    private static final NodeName SELF = NodeName.of("node-00000");

    @Param({"1000"})
    int nodes;

    @Param({"uniform", "rank"})
    String policy;

    private final VirtualTime time = new VirtualTime();
    private final InMemoryKeyFileSource keyFile = new InMemoryKeyFileSource();
    private final InMemoryNodeKeyPublisher publisher = new InMemoryNodeKeyPublisher();
    private RotationService agent;
    private int spi = 3;

    @Setup
    public void setUp() {
        java.util.List<NodeName> names = new java.util.ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            names.add(NodeName.of("node-%05d".formatted(i)));
        }
        JitterPolicy jitterPolicy = policy.equals("rank") ? JitterPolicy.rank() : JitterPolicy.uniform();
        AgentSettings settings = AgentSettings.of(SELF, "bench", JitterSettings.defaults(), jitterPolicy, RetryBackoff.DEFAULT)
                .getOrElseThrow(() -> new IllegalStateException("benchmark settings"));
        keyFile.write(KeyLines.line(spi));
        agent = new RotationService(settings, keyFile, new BoundedDatapath(), publisher,
                new InMemoryClusterView(TreeSet.ofAll(names)), time, time, new SeededRandom(42), event -> {});
        agent.start();
        time.runUntilIdle();
    }

    /** Returns the virtual tasks run, so the work cannot be optimised away. */
    @Benchmark
    public long rotation() {
        spi = spi == 15 ? 1 : spi + 1;
        keyFile.write(KeyLines.line(spi));
        agent.keyFileChanged();
        time.runUntilIdle();
        return time.tasksRun();
    }

    /** The in-memory datapath keeps every apply for tests; a benchmark runs millions. */
    static final class BoundedDatapath implements io.ipseckeyagent.application.port.out.DatapathPort {
        private InMemoryDatapath inner = new InMemoryDatapath();
        private int applies;

        @Override
        public io.vavr.control.Either<String, io.ipseckeyagent.domain.rotation.AppliedKeys> apply(
                io.ipseckeyagent.domain.key.KeySet keys, java.time.Instant detectedAt, java.time.Instant appliedAt) {
            if (++applies % 1024 == 0) {
                inner = new InMemoryDatapath(inner.lastApplied());
            }
            return inner.apply(keys, detectedAt, appliedAt);
        }

        @Override
        public io.vavr.control.Either<String, io.ipseckeyagent.domain.rotation.AppliedKeys> markPublished(
                io.ipseckeyagent.domain.key.Spi spi, java.time.Instant publishedAt) {
            return inner.markPublished(spi, publishedAt);
        }

        @Override
        public io.vavr.control.Option<io.ipseckeyagent.domain.rotation.AppliedKeys> lastApplied() {
            return inner.lastApplied();
        }

        @Override
        public io.vavr.control.Either<String, io.ipseckeyagent.domain.rotation.PendingChange> recordPendingChange(
                io.ipseckeyagent.domain.rotation.PendingChange change) {
            return inner.recordPendingChange(change);
        }

        @Override
        public io.vavr.control.Either<String, io.vavr.control.Option<io.ipseckeyagent.domain.rotation.PendingChange>> forgetPendingChange() {
            return inner.forgetPendingChange();
        }

        @Override
        public io.vavr.control.Option<io.ipseckeyagent.domain.rotation.PendingChange> pendingChange() {
            return inner.pendingChange();
        }
    }
}
