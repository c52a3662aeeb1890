package io.ipseckeyagent.bootstrap.config;

import java.nio.file.Path;

/** Where a configuration value came from; names it the way the operator wrote it. */
public sealed interface ValueSource {
    /** The prefix of a problem about this value: {@code --flag}, {@code ENV_VAR} or {@code file:line: key}. */
    String where();

    /** A problem about the value from this source. */
    default ConfigProblem problem(String message) {
        return new ConfigProblem(where(), message);
    }

    /** A command-line flag. */
    record Flag(String name) implements ValueSource {
        @Override
        public String where() {
            return "--" + name;
        }
    }

    /** An environment variable. */
    record Environment(String variable) implements ValueSource {
        @Override
        public String where() {
            return variable;
        }
    }

    /** A key of the {@code --config} file. */
    record File(Path file, int line, String key) implements ValueSource {
        @Override
        public String where() {
            return file + ":" + line + ": " + key;
        }
    }

    /** The built-in default, named by its flag. */
    record Default(String name) implements ValueSource {
        @Override
        public String where() {
            return "--" + name;
        }
    }
}
