package io.ipseckeyagent.simulator.fleet;

import io.vavr.collection.List;

/** Runs one rotation of the modelled fleet per scenario, each on a fresh fleet with the same seed. */
public final class FleetSimulation {
    private FleetSimulation() {}

    public static List<ScenarioResult> run(FleetModel model, List<Scenario> scenarios) {
        return scenarios.map(scenario -> run(model, scenario));
    }

    public static ScenarioResult run(FleetModel model, Scenario scenario) {
        Fleet fleet = new Fleet(model, scenario, event -> {});
        fleet.start();
        fleet.rotate();
        fleet.runUntilIdle();
        return fleet.result();
    }
}
