package io.ipseckeyagent.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.domain.jitter.RetryBackoff;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 4: across 100 agents failing together, retry instants are spread, not one instant. The
 * agents see the new key at the same instant, without jitter, so their first publishes fail
 * together; the API server answers 500 to everything for a minute, then recovers.
 */
class RetrySpreadTest {
    private static final int AGENTS = 100;
    private static final Duration OUTAGE = Duration.ofSeconds(60);

    private final List<AgentEvent.PublishFailed> failures = new ArrayList<>();
    private final Fleet fleet = new Fleet(FleetModel.defaults().withNodes(AGENTS).withDetectionSkew(Duration.ZERO),
            Scenario.DISABLED, event -> {
                if (event instanceof AgentEvent.PublishFailed failed) {
                    failures.add(failed);
                }
            });

    @Test
    void agentsFailingTogetherRetryAtSpreadInstantsAndAllConvergeAfterTheOutage() {
        fleet.start();
        Instant outageStart = fleet.time().now();
        fleet.apiServer().failUntil(outageStart.plus(OUTAGE));

        fleet.rotate();
        fleet.runUntilIdle();

        Map<Integer, List<AgentEvent.PublishFailed>> byAttempt = failures.stream()
                .collect(Collectors.groupingBy(AgentEvent.PublishFailed::attempt, TreeMap::new, Collectors.toList()));
        // they did fail together: every first attempt failed at one instant
        assertThat(distinct(byAttempt.get(1), AgentEvent.PublishFailed::at)).isEqualTo(1);
        assertThat(byAttempt.get(1)).hasSize(AGENTS);

        for (int attempt = 1; attempt <= 8; attempt++) {
            List<Instant> retries = byAttempt.get(attempt).stream().map(RetrySpreadTest::retryAt).toList();
            assertThat(retries).as("attempt %d", attempt).hasSize(AGENTS);
            // full jitter over at least 200ms, at millisecond resolution: mostly distinct instants
            assertThat(retries.stream().distinct().count()).as("distinct retry instants after attempt %d", attempt)
                    .isGreaterThanOrEqualTo(60);
            if (RetryBackoff.DEFAULT.ceiling(attempt).compareTo(Duration.ofSeconds(5)) >= 0) {
                assertThat(largestOneSecondBucket(retries, outageStart)).as("busiest second after attempt %d", attempt)
                        .isLessThanOrEqualTo(AGENTS * 30 / 100);
            }
        }

        ScenarioResult result = fleet.result();
        assertThat(result.serverErrors()).isEqualTo(failures.size());
        assertThat(result.everyNodeInTime()).isTrue();
        assertThat(result.publishedNodes()).isEqualTo(AGENTS);
        // no herd when the server comes back: the agents' backoffs reach it spread over the 30s cap
        assertThat(result.writes().peak()).isLessThanOrEqualTo(AGENTS / 5);
        assertThat(result.allPublishedAfter().get()).isBetween(OUTAGE, OUTAGE.plus(RetryBackoff.DEFAULT.cap()).plusSeconds(1));
    }

    private static Instant retryAt(AgentEvent.PublishFailed failed) {
        return failed.at().plus(failed.retryIn());
    }

    private static long largestOneSecondBucket(Collection<Instant> instants, Instant origin) {
        return instants.stream()
                .collect(Collectors.groupingBy(at -> Duration.between(origin, at).toSeconds(), Collectors.counting()))
                .values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private static <T> long distinct(List<T> items, Function<T, Object> key) {
        return items.stream().map(key).distinct().count();
    }
}
