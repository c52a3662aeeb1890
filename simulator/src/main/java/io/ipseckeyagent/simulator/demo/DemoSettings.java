package io.ipseckeyagent.simulator.demo;

import io.ipseckeyagent.domain.jitter.JitterSettings;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.time.Duration;

/**
 * The demo's fleet and the agents' settings, scaled down from the defaults (5m window, 2m30s
 * jitter) so that a rotation with jitter takes seconds, not minutes.
 */
public record DemoSettings(int nodes, Duration rotationDuration, Duration jitterMax, Duration pollInterval,
        Duration publishBudget, long seed) {

    /** 30 agents, 40s window, up to 15s of jitter, 1s poll, 5s publish budget: about half a minute. */
    public static DemoSettings standard() {
        return new DemoSettings(30, Duration.ofSeconds(40), Duration.ofSeconds(15), Duration.ofSeconds(1),
                Duration.ofSeconds(5), 1);
    }

    /** For CI: 10s window, up to 3s of jitter; about ten seconds. */
    public static DemoSettings quick() {
        return new DemoSettings(10, Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ofSeconds(1),
                Duration.ofSeconds(2), 1);
    }

    public DemoSettings withNodes(int count) {
        return new DemoSettings(count, rotationDuration, jitterMax, pollInterval, publishBudget, seed);
    }

    JitterSettings jitter(boolean enabled) {
        // Every agent reads the same local Secret volume at once: no kubelet propagation to reserve.
        return JitterSettings.of(enabled, rotationDuration, io.vavr.control.Option.some(jitterMax), pollInterval, publishBudget)
                .withSecretPropagation(Duration.ZERO);
    }

    /** Everything wrong, each naming its option; empty when the demo can run. */
    public Seq<String> problems() {
        List<String> problems = nodes < 2 || nodes > 200
                ? List.of("--nodes must be from 2 to 200 (each agent is a thread and a watch), was " + nodes)
                : List.empty();
        return problems.appendAll(jitter(true).resolve().fold(errors -> errors, effective -> List.empty()));
    }
}
