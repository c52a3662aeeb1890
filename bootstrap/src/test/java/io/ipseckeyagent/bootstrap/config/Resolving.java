package io.ipseckeyagent.bootstrap.config;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.util.Map;

/** Test helpers: resolve with in-memory config files, and read the outcome. */
final class Resolving {
    private Resolving() {}

    static ConfigResolution resolve(Map<String, String> environment, Map<String, String> files, String... args) {
        ConfigFileReader reader = path -> files.containsKey(path.toString())
                ? Either.right(files.get(path.toString()))
                : Either.left("cannot read " + path + ": no such file");
        return RunConfiguration.resolve(List.of(args), environment, reader, false);
    }

    static ConfigResolution resolve(String... args) {
        return resolve(Map.of(), Map.of(), args);
    }

    static RunConfiguration valid(ConfigResolution resolution) {
        return resolution.configuration().fold(
                problems -> {
                    throw new AssertionError("unexpected problems: " + problems);
                },
                configuration -> configuration);
    }

    static Seq<String> problems(ConfigResolution resolution) {
        return resolution.configuration().<Seq<String>>fold(problems -> problems.map(ConfigProblem::render), configuration -> List.empty());
    }

    static Seq<String> warnings(ConfigResolution resolution) {
        return resolution.warnings().map(ConfigProblem::render);
    }

    static Path path(String text) {
        return Path.of(text);
    }
}
