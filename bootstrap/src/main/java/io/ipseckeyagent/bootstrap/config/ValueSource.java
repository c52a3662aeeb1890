package io.ipseckeyagent.bootstrap.config;

import java.nio.file.Path;

/** Where a configuration value came from; names it the way the operator wrote it. */
public sealed interface ValueSource {
    /** A command-line flag. */
    record Flag(String name) implements ValueSource {}

    /** An environment variable. */
    record Environment(String variable) implements ValueSource {}

    /** A key of the {@code --config} file. */
    record File(Path file, int line, String key) implements ValueSource {}

    /** The built-in default, named by its flag. */
    record Default(String name) implements ValueSource {}

    /** The prefix of a problem about this value: {@code --flag}, {@code ENV_VAR} or {@code file:line: key}. */
    default String where() {
        return switch (this) {
            case Flag(String name) -> "--" + name;
            case Environment(String variable) -> variable;
            case File(Path file, int line, String key) -> file + ":" + line + ": " + key;
            case Default(String name) -> "--" + name;
        };
    }

    /** A problem about the value from this source. */
    default ConfigProblem problem(String message) {
        return new ConfigProblem(where(), message);
    }
}
