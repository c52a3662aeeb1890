package io.ipseckeyagent.bootstrap.config;

import io.ipseckeyagent.pluginhost.DidYouMean;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.util.Map;

/**
 * Reads {@code IPSEC_KEY_AGENT_*} variables (and an option's fallbacks, such as {@code NODE_NAME}).
 * An empty variable counts as unset, unless the option gives an empty value a meaning. An unknown
 * {@code IPSEC_KEY_AGENT_*} variable is a warning, not an error: the environment is shared.
 */
final class EnvironmentVariables {
    private EnvironmentVariables() {}

    static SourceValues read(Map<String, String> environment) {
        TreeMap<String, String> sorted = TreeMap.ofAll(environment);
        SourceValues read = RunOptions.ALL.foldLeft(SourceValues.NONE, (values, spec) -> firstSet(sorted, spec)
                .map(variable -> values.with(spec, new RawValue(sorted.get(variable).getOrElse(""), new ValueSource.Environment(variable))))
                .getOrElse(values));
        List<String> known = RunOptions.ALL.flatMap(OptionSpec::environmentVariables);
        return sorted.keySet()
                .filter(variable -> variable.startsWith(OptionSpec.ENVIRONMENT_PREFIX) && !known.contains(variable))
                .foldLeft(read, (values, variable) -> values.withWarning(new ConfigProblem(variable, "unknown variable, ignored"
                        + DidYouMean.closest(variable, known).map(name -> "; did you mean " + name + "?").getOrElse(""))));
    }

    private static Option<String> firstSet(TreeMap<String, String> environment, OptionSpec<?> spec) {
        return spec.environmentVariables()
                .find(variable -> environment.get(variable).exists(value -> spec.allowsEmpty() || !value.isEmpty()));
    }
}
