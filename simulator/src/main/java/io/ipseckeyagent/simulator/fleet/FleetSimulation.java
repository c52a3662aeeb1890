package io.ipseckeyagent.simulator.fleet;

import io.vavr.collection.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs one rotation of the modelled fleet per scenario, each on a fresh fleet with the same seed.
 * Fleets share nothing that changes (the cluster's names and view are read only; each has its own
 * clock, randomness and API server), so scenarios may run side by side with the same results.
 */
public final class FleetSimulation {
    private FleetSimulation() {}

    /** On the caller's thread, one scenario after another. */
    public static List<ScenarioResult> run(FleetModel model, List<Scenario> scenarios) {
        return run(model, scenarios, 1);
    }

    /**
     * Up to {@code threads} scenarios at once, in the given order (the slow ones, {@code disabled} and
     * {@code cilium}, come first in {@link Scenario#ALL}); the results in that order.
     */
    public static List<ScenarioResult> run(FleetModel model, List<Scenario> scenarios, int threads) {
        Fleet.Cluster cluster = Fleet.Cluster.of(model.nodes());
        int parallel = Math.max(1, Math.min(threads, scenarios.size()));
        if (parallel == 1) {
            return scenarios.map(scenario -> {
                ScenarioResult result = run(model, scenario, cluster);
                // The fleet just run is garbage, most of it already promoted: collect it now, so the
                // collector does not let one dead fleet after another pile up in the old generation.
                System.gc();
                return result;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallel, Thread.ofPlatform().name("fleet-", 1).daemon().factory());
        try {
            List<CompletableFuture<ScenarioResult>> running = scenarios.map(scenario ->
                    CompletableFuture.supplyAsync(() -> run(model, scenario, cluster), pool));
            return running.map(CompletableFuture::join);
        } finally {
            pool.shutdownNow();
        }
    }

    public static ScenarioResult run(FleetModel model, Scenario scenario) {
        return run(model, scenario, Fleet.Cluster.of(model.nodes()));
    }

    private static ScenarioResult run(FleetModel model, Scenario scenario, Fleet.Cluster cluster) {
        Fleet fleet = new Fleet(model, scenario, event -> {}, cluster);
        fleet.start();
        fleet.rotate();
        fleet.runUntilIdle();
        return fleet.result();
    }
}
