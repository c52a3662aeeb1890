package io.ipseckeyagent.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One rotation of a thousand agents per scenario, in virtual time. */
class FleetSimulationTest {
    private static final FleetModel THOUSAND = FleetModel.defaults().withNodes(1_000);
    private static final List<Scenario> ALL = Scenario.ALL;

    @Test
    void theSameSeedGivesTheSameReportAndAnotherSeedAnother() {
        String first = FleetReport.json(THOUSAND, FleetSimulation.run(THOUSAND, ALL));
        String again = FleetReport.json(THOUSAND, FleetSimulation.run(THOUSAND, ALL));
        FleetModel otherSeed = THOUSAND.withSeed(2);
        String other = FleetReport.json(otherSeed, FleetSimulation.run(otherSeed, ALL));

        assertThat(again).isEqualTo(first);
        assertThat(other.replace("\"seed\": 2", "\"seed\": 1")).isNotEqualTo(first);
    }

    @Test
    void scenariosRunSideBySideGiveTheSameResultsInTheSameOrder() {
        String oneAtATime = FleetReport.json(THOUSAND, FleetSimulation.run(THOUSAND, ALL, 1));
        String threeAtOnce = FleetReport.json(THOUSAND, FleetSimulation.run(THOUSAND, ALL, 3));

        assertThat(threeAtOnce).isEqualTo(oneAtATime);
    }

    @Test
    void everyJitterPolicyCutsThePeakWriteRateAtLeastFiveFold() {
        List<ScenarioResult> results = FleetSimulation.run(THOUSAND, ALL);
        int withoutJitter = results.head().writes().peak();

        assertThat(results.head().scenario()).isEqualTo(Scenario.DISABLED);
        assertThat(withoutJitter).isGreaterThan(150); // a thousand writes within the 5s poll skew
        // Cilium main's fixed 30s spreads a thousand nodes less: about four-fold.
        results.tail().forEach(jittered -> assertThat(jittered.writes().peak() * (jittered.scenario().equals(Scenario.CILIUM) ? 3 : 5))
                .as(jittered.scenario().label()).isLessThanOrEqualTo(withoutJitter));
    }

    @Test
    void everyNodePublishesTheNewKeyBeforeItsDeadlineInEveryScenario() {
        for (ScenarioResult result : FleetSimulation.run(THOUSAND, ALL)) {
            assertThat(result.publishedNodes()).as(result.scenario().label()).isEqualTo(1_000);
            assertThat(result.adoptionsOverdue()).as(result.scenario().label()).isZero();
            assertThat(result.longestDetectionToPublish()).as(result.scenario().label())
                    .isLessThan(THOUSAND.rotationDuration());
            assertThat(result.everyNodeInTime()).isTrue();
        }
    }

    @Test
    void aSaturatedApiServerAnswers429AndEveryNodeStillPublishesInTime() {
        FleetModel slowServer = THOUSAND.withApi(new ApiServerModel(50, 100, Duration.ofMillis(20), Duration.ofSeconds(1)));

        for (ScenarioResult result : FleetSimulation.run(slowServer, ALL)) {
            assertThat(result.writes().max()).as(result.scenario().label()).isLessThanOrEqualTo(50);
            assertThat(result.everyNodeInTime()).as(result.scenario().label()).isTrue();
            assertThat(result.longestDetectionToPublish()).isLessThan(slowServer.rotationDuration());
        }
        ScenarioResult withoutJitter = FleetSimulation.run(slowServer, List.of(Scenario.DISABLED)).head();
        assertThat(withoutJitter.tooManyRequests()).isGreaterThan(500);
        assertThat(withoutJitter.requests().total()).isEqualTo(1_000 + withoutJitter.tooManyRequests());
        assertThat(withoutJitter.allPublishedAfter().get()).isGreaterThan(Duration.ofSeconds(19)); // 1,000 writes at 50/s
    }

    @Test
    void everyWriteIsAWatchEventForEveryOtherAgentAndSampledAgentsReportEachAsNodeUpdated() {
        ScenarioResult result = FleetSimulation.run(THOUSAND, List.of(Scenario.UNIFORM)).head();

        assertThat(result.writes().total()).isEqualTo(1_000);
        assertThat(result.watchEvents()).isEqualTo(1_000L * 999);
        assertThat(result.peakWatchEventsPerSecond()).isEqualTo(result.writes().peak() * 999L);
        assertThat(result.nodeUpdated()).isEqualTo(new ScenarioResult.SampledObservers(10, 999, 999));
    }

    @Test
    void rankRunsForAFleetOfAnySizeAndEveryNodeGetsItsOwnSlot() {
        FleetModel simultaneous = FleetModel.defaults().withNodes(20_000).withDetectionSkew(Duration.ZERO)
                .withSampledObservers(0);

        ScenarioResult result = FleetSimulation.run(simultaneous, Scenario.RANK);

        assertThat(result.everyNodeInTime()).isTrue();
        // 20,000 slots over 150s: about 133 per second, wherever the second starts.
        assertThat(result.writes().peak()).isLessThanOrEqualTo(140);
    }

    @Test
    void withoutDetectionSkewRankSpreadsWritesMoreEvenlyThanUniform() {
        FleetModel simultaneous = THOUSAND.withDetectionSkew(Duration.ZERO);
        List<ScenarioResult> results = FleetSimulation.run(simultaneous, List.of(Scenario.UNIFORM, Scenario.RANK));

        // 1,000 slots over 150s: 6 or 7 per second, wherever the second starts (8 with the answer's latency).
        assertThat(results.get(1).writes().peak()).isLessThanOrEqualTo(8);
        assertThat(results.get(0).writes().peak()).isGreaterThan(results.get(1).writes().peak());
    }

    @Test
    void aModelWithBadValuesNamesEachOption() {
        FleetModel bad = new FleetModel(1, 1, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofSeconds(-1), new ApiServerModel(0, -1, Duration.ZERO, Duration.ZERO), -1, 0,
                Duration.ofSeconds(-1));

        assertThat(bad.problems()).anyMatch(p -> p.startsWith("--nodes"))
                .anyMatch(p -> p.startsWith("--detection-skew"))
                .anyMatch(p -> p.startsWith("--api-writes-per-second"))
                .anyMatch(p -> p.startsWith("--api-queue-limit"))
                .anyMatch(p -> p.startsWith("--observers"))
                .anyMatch(p -> p.startsWith("--target-rate"))
                .anyMatch(p -> p.startsWith("--secret-propagation"));
        assertThat(FleetModel.defaults().problems()).isEmpty();
    }

    @Test
    void theScenariosComeFromTheDomainsPolicyList() {
        assertThat(Scenario.ALL.map(Scenario::label))
                .containsExactly("disabled", "cilium", "uniform", "auto", "node-hash", "rank");
    }

    @Test
    void withAMinuteOfDetectionSkewEveryScenarioKeepsFirstToLastAdoptionInsideTheWindow() {
        FleetModel skewed = THOUSAND.withDetectionSkew(Duration.ofMinutes(1));

        for (ScenarioResult result : FleetSimulation.run(skewed, ALL)) {
            assertThat(result.adoptionSpread().get()).as(result.scenario().label()).isLessThanOrEqualTo(skewed.rotationDuration());
            assertThat(result.everyNodeInTime()).as(result.scenario().label()).isTrue();
        }
    }

    @Test
    void autoSizesTheMaximumByTheFleetAndCiliumUsesATenthOfTheWindow() {
        List<ScenarioResult> results = FleetSimulation.run(THOUSAND, List.of(Scenario.AUTO, Scenario.CILIUM));

        assertThat(results.get(0).jitterMax()).isEqualTo(Duration.ofSeconds(50)); // 1,000 nodes / 20 writes/s
        assertThat(results.get(0).shortfall()).isEmpty();
        assertThat(results.get(1).jitterMax()).isEqualTo(Duration.ofSeconds(30));
    }
}
