package io.ipseckeyagent.simulator.fleet;

import io.vavr.collection.List;

/** Runs one rotation of the modelled fleet per scenario, each on a fresh fleet with the same seed. */
public final class FleetSimulation {
    private FleetSimulation() {}

    public static List<ScenarioResult> run(FleetModel model, List<Scenario> scenarios) {
        Fleet.Cluster cluster = Fleet.Cluster.of(model.nodes());
        return scenarios.map(scenario -> {
            ScenarioResult result = run(model, scenario, cluster);
            // The fleet just run is garbage, most of it already promoted: collect it now, so G1 does
            // not let one dead fleet after another pile up in the old generation and grow the heap.
            System.gc();
            return result;
        });
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
