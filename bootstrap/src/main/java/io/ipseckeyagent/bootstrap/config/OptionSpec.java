package io.ipseckeyagent.bootstrap.config;

import io.ipseckeyagent.domain.time.GoDuration;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Locale;
import java.util.function.Function;

/**
 * One option of {@code run}: everything the flag parser, the environment, the config file, the
 * validator and {@code --help} need to know about it, so they cannot disagree.
 *
 * @param name the flag without dashes, also the config-file key ({@code ipsec-key-rotation-duration})
 * @param valueLabel how {@code --help} names the value ({@code DURATION})
 * @param kind how the value is written on the command line and typed in YAML
 * @param help one sentence for {@code --help}
 * @param parser turns the written text into a value, or says what is wrong
 * @param defaultValue the default, written as an operator would write it; parsed by {@code parser}
 * @param defaultDescription the default as {@code --help} shows it
 * @param allowsEmpty whether an empty text is a meaningful value (else it is an error, and an empty
 *     environment variable counts as unset)
 * @param fallbackEnvironment further environment variables read after the prefixed one
 * @param inConfigFile whether the config file may set it
 * @param formerNames other spellings operators may know (Helm values), used only to suggest this one
 */
public record OptionSpec<T>(
        String name,
        String valueLabel,
        ValueKind kind,
        String help,
        Function<String, Either<String, T>> parser,
        Option<String> defaultValue,
        String defaultDescription,
        boolean allowsEmpty,
        List<String> fallbackEnvironment,
        boolean inConfigFile,
        List<String> formerNames) {

    /** The prefix of every environment variable of {@code run}. */
    public static final String ENVIRONMENT_PREFIX = "IPSEC_KEY_AGENT_";

    /** How a value is written, which decides the flag forms and the YAML types accepted. */
    public enum ValueKind {
        /** {@code --flag}, {@code --flag=true}, {@code --flag=false}; a YAML boolean. */
        BOOLEAN,
        /** {@code --flag value} or {@code --flag=value}; a YAML string. */
        TEXT,
        /** Like {@code TEXT}, and YAML numbers are accepted so that {@code 0} works unquoted. */
        DURATION
    }

    /** An option with no default; refine it with the {@code with...} methods. */
    public static <T> OptionSpec<T> of(
            String name, String valueLabel, ValueKind kind, Function<String, Either<String, T>> parser, String help) {
        return new OptionSpec<>(name, valueLabel, kind, help, parser, Option.none(), "none", false, List.empty(), true, List.empty());
    }

    /** The help shows a duration in the one Go form every message uses ({@code 5m0s}). */
    public OptionSpec<T> withDefault(String value) {
        return new OptionSpec<>(name, valueLabel, kind, help, parser, Option.some(value), value.isEmpty() ? "\"\"" : canonical(value),
                allowsEmpty, fallbackEnvironment, inConfigFile, formerNames);
    }

    /** A default that is not a fixed value ("rotation duration / 2"), only described. */
    public OptionSpec<T> withDefaultDescribed(String description) {
        return new OptionSpec<>(name, valueLabel, kind, help, parser, defaultValue, description,
                allowsEmpty, fallbackEnvironment, inConfigFile, formerNames);
    }

    public OptionSpec<T> allowingEmpty() {
        return new OptionSpec<>(name, valueLabel, kind, help, parser, defaultValue, defaultDescription,
                true, fallbackEnvironment, inConfigFile, formerNames);
    }

    public OptionSpec<T> withFallbackEnvironment(String variable) {
        return new OptionSpec<>(name, valueLabel, kind, help, parser, defaultValue, defaultDescription,
                allowsEmpty, fallbackEnvironment.append(variable), inConfigFile, formerNames);
    }

    public OptionSpec<T> notInConfigFile() {
        return new OptionSpec<>(name, valueLabel, kind, help, parser, defaultValue, defaultDescription,
                allowsEmpty, fallbackEnvironment, false, formerNames);
    }

    public OptionSpec<T> formerlyKnownAs(String... names) {
        return new OptionSpec<>(name, valueLabel, kind, help, parser, defaultValue, defaultDescription,
                allowsEmpty, fallbackEnvironment, inConfigFile, formerNames.appendAll(List.of(names)));
    }

    /** {@code --name}. */
    public String flag() {
        return "--" + name;
    }

    /** {@code IPSEC_KEY_AGENT_} + the name in upper snake case. */
    public String environmentVariable() {
        return ENVIRONMENT_PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** Every environment variable read for this option, the first set one winning. */
    public List<String> environmentVariables() {
        return fallbackEnvironment.prepend(environmentVariable());
    }

    /** The key in the config file: the flag's name. */
    public String fileKey() {
        return name;
    }

    /** Parses a written value; an empty text is an error unless the option allows it. */
    public Either<String, T> parse(String text) {
        return text.isEmpty() && !allowsEmpty ? Either.left("empty value") : parser.apply(text);
    }

    /** A valid text as every source writes it alike: durations in the one Go form, booleans as true or false. */
    String canonical(String text) {
        return switch (kind) {
            case BOOLEAN -> ValueParsers.bool(text).map(String::valueOf).getOrElse(text);
            case DURATION -> GoDuration.parse(text).map(GoDuration::format).getOrElse(text);
            case TEXT -> text;
        };
    }

    @Override
    public String toString() {
        return flag();
    }
}
