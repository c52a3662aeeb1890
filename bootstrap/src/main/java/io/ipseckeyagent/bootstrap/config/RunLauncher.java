package io.ipseckeyagent.bootstrap.config;

import io.vavr.collection.Seq;

/**
 * The hook from {@code run} into a running agent: given a valid configuration (and the warnings to
 * log once logging is set up), starts the agent and returns the process exit code.
 */
@FunctionalInterface
public interface RunLauncher {
    int launch(RunConfiguration configuration, Seq<ConfigProblem> warnings);

    /** Until the agent is wired: prints the warnings, says so, and exits 1. */
    RunLauncher NOT_WIRED_YET = (configuration, warnings) -> {
        warnings.forEach(warning -> System.err.println("warning: " + warning.render()));
        System.err.println("run: the configuration is valid, but the agent is not wired into this build yet");
        return 1;
    };
}
