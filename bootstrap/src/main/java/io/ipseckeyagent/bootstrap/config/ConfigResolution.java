package io.ipseckeyagent.bootstrap.config;

import io.vavr.collection.Seq;
import io.vavr.control.Validation;

/**
 * The outcome of resolving {@code run}'s configuration: the configuration or every problem found,
 * and the warnings, which hold either way (a capped jitter, an unknown environment variable).
 */
public record ConfigResolution(Validation<Seq<ConfigProblem>, RunConfiguration> configuration, Seq<ConfigProblem> warnings) {}
