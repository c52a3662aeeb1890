package io.ipseckeyagent.simulator.demo;

import java.util.List;

/** The demo's two rotations, without and with jitter, and where the API server listened. */
public record DemoResult(int nodes, String apiServer, String watches, List<RotationResult> rotations) {}
