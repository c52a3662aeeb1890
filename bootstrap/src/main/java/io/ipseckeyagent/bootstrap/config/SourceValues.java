package io.ipseckeyagent.bootstrap.config;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;

/** What one source (flags, environment or file) says: values by option name, and its own problems. */
record SourceValues(Map<String, RawValue> values, List<ConfigProblem> problems, List<ConfigProblem> warnings) {
    static final SourceValues NONE = new SourceValues(LinkedHashMap.empty(), List.empty(), List.empty());

    Option<RawValue> get(OptionSpec<?> spec) {
        return values.get(spec.name());
    }

    SourceValues with(OptionSpec<?> spec, RawValue value) {
        return new SourceValues(values.put(spec.name(), value), problems, warnings);
    }

    SourceValues withProblem(ConfigProblem problem) {
        return new SourceValues(values, problems.append(problem), warnings);
    }

    SourceValues withWarning(ConfigProblem warning) {
        return new SourceValues(values, problems, warnings.append(warning));
    }
}
