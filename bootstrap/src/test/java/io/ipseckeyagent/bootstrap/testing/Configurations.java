package io.ipseckeyagent.bootstrap.testing;

import io.ipseckeyagent.bootstrap.config.ConfigFileReader;
import io.ipseckeyagent.bootstrap.config.RunConfiguration;
import io.vavr.collection.List;
import java.util.Map;

/** {@code run}'s configuration from flags, as an operator would write them, without the process environment. */
public final class Configurations {
    private Configurations() {}

    public static RunConfiguration fromFlags(String... flags) {
        return RunConfiguration.resolve(List.of(flags), Map.of(), ConfigFileReader.fromFileSystem(), false).configuration().fold(
                problems -> {
                    throw new AssertionError("invalid test configuration: " + problems.mkString("; "));
                },
                configuration -> configuration);
    }
}
