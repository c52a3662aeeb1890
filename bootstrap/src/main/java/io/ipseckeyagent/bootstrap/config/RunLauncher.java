package io.ipseckeyagent.bootstrap.config;

import io.vavr.collection.Seq;

/**
 * The hook from {@code run} into a running agent: given a valid configuration (and the warnings to
 * log once logging is set up), starts the agent and returns the process exit code.
 */
@FunctionalInterface
public interface RunLauncher {
    int launch(RunConfiguration configuration, Seq<ConfigProblem> warnings);
}
