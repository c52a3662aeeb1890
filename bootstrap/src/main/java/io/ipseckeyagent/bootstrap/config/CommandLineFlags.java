package io.ipseckeyagent.bootstrap.config;

import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * Reads {@code run}'s arguments the way Cilium's (Go pflag) flags are written: {@code --flag value},
 * {@code --flag=value}, and for booleans {@code --flag}, {@code --flag=true}, {@code --flag=false}.
 * Every mistake becomes a problem; none stops the reading.
 */
final class CommandLineFlags {
    private CommandLineFlags() {}

    static SourceValues read(List<String> args) {
        SourceValues read = SourceValues.NONE;
        Option<OptionSpec<?>> previousBoolean = Option.none();
        List<String> rest = args;
        while (!rest.isEmpty()) {
            String arg = rest.head();
            rest = rest.tail();
            if (!arg.startsWith("--") || arg.equals("--")) {
                read = read.withProblem(unexpected(arg, previousBoolean));
                previousBoolean = Option.none();
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            Option<String> inline = equals < 0 ? Option.none() : Option.some(arg.substring(equals + 1));
            Option<OptionSpec<?>> known = RunOptions.named(name);
            if (known.isEmpty()) {
                read = read.withProblem(new ConfigProblem("--" + name, "unknown flag"
                        + RunOptions.closestTo(name, RunOptions.ALL).map(spec -> "; did you mean " + spec.flag() + "?").getOrElse("")));
                previousBoolean = Option.none();
                continue;
            }
            OptionSpec<?> spec = known.getOrElseThrow(IllegalStateException::new);
            Option<String> value;
            if (inline.isDefined() || spec.kind() == OptionSpec.ValueKind.BOOLEAN) {
                value = inline.orElse(Option.some("true"));
            } else if (!rest.isEmpty() && !rest.head().startsWith("--")) {
                value = Option.some(rest.head());
                rest = rest.tail();
            } else {
                value = Option.none();
            }
            previousBoolean = spec.kind() == OptionSpec.ValueKind.BOOLEAN && inline.isEmpty() ? known : Option.none();
            if (value.isEmpty()) {
                read = read.withProblem(new ConfigProblem(spec.flag(), "missing value; write " + spec.flag() + "=" + spec.valueLabel()));
            } else if (read.get(spec).isDefined()) {
                read = read.withProblem(new ConfigProblem(spec.flag(), "given more than once"));
            } else {
                read = read.with(spec, new RawValue(value.getOrElse(""), new ValueSource.Flag(spec.name())));
            }
        }
        return read;
    }

    private static ConfigProblem unexpected(String arg, Option<OptionSpec<?>> previousBoolean) {
        String hint = previousBoolean
                .map(spec -> "; a boolean flag takes its value after '=': " + spec.flag() + "=" + arg)
                .getOrElse(arg.startsWith("-") && arg.length() > 1 && !arg.equals("--")
                        ? "; flags start with two dashes"
                        : "; run takes no arguments, only --flags");
        return new ConfigProblem("run", "unexpected argument \"" + arg + "\"" + hint);
    }
}
