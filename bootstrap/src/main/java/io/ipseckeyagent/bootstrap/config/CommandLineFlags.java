package io.ipseckeyagent.bootstrap.config;

import io.ipseckeyagent.cli.StandardOptions;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.Map;
import java.util.Stack;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code run}'s flags through picocli: a command model made from {@link RunOptions}, parsed with
 * every error collected, the errors then said in our words. Values stay text here: each source
 * (flag, environment, file) is parsed alike by the option's own parser, so that every message names
 * where the value was written. Booleans take their value only after '=' ({@code --flag=false}), as
 * Cilium's Go flags do.
 */
final class CommandLineFlags {
    private CommandLineFlags() {}

    /** The picocli model of {@code run}'s options; also what {@code run --help} lists. */
    static CommandSpec model() {
        CommandSpec spec = CommandSpec.create().name("run");
        spec.parser().collectErrors(true);
        spec.usageMessage().sortOptions(false);
        RunOptions.ALL.forEach(option -> spec.addOption(picocliOption(option)));
        spec.addOption(StandardOptions.help());
        return spec;
    }

    private static CommandLine.Model.OptionSpec picocliOption(OptionSpec<?> option) {
        var builder = CommandLine.Model.OptionSpec.builder(option.flag())
                .type(String.class)
                .paramLabel(option.valueLabel())
                .description(wrapped((option.help() + " Default: " + option.defaultDescription() + ". Env: "
                        + option.environmentVariables().mkString(", ") + "." + (option.inConfigFile() ? "" : " Not in the config file."))
                        .replace("%", "%%")));
        return option.kind() == OptionSpec.ValueKind.BOOLEAN
                ? builder.arity("0..1").preprocessor(CommandLineFlags::bareBooleanIsTrue).build()
                : builder.arity("1").build();
    }

    /** The help's description column: 80 columns less the option column. */
    private static final int DESCRIPTION_WIDTH = 52;

    /** Lines that fit the column, broken at spaces only: picocli's own wrapping breaks ":9966" and "state.json" too. */
    private static String[] wrapped(String text) {
        return List.of(text.split(" ")).foldLeft(List.<String>empty(), (lines, word) -> lines.lastOption()
                        .filter(line -> line.length() + 1 + word.length() <= DESCRIPTION_WIDTH)
                        .map(line -> lines.init().append(line + " " + word))
                        .getOrElse(() -> lines.append(word)))
                .toJavaArray(String[]::new);
    }

    /** {@code --flag} alone is true and never takes the next argument as its value. */
    private static boolean bareBooleanIsTrue(Stack<String> args, CommandSpec spec, ArgSpec arg, Map<String, Object> info) {
        if ("=".equals(info.get("separator"))) {
            return false;
        }
        arg.setValue("true");
        return true;
    }

    static SourceValues read(List<String> args) {
        CommandSpec model = model();
        CommandLine.ParseResult result = new CommandLine(model).parseArgs(args.toJavaArray(String[]::new));
        // Read from the model: a bare boolean's value is set by its preprocessor, which the parse result does not record.
        SourceValues read = RunOptions.ALL.foldLeft(SourceValues.NONE, (values, option) -> Option.<String>of(model.findOption(option.flag()).getValue())
                .map(text -> values.with(option, new RawValue(text, new ValueSource.Flag(option.name()))))
                .getOrElse(values));
        return List.ofAll(result.errors())
                .flatMap(error -> problems(error, args))
                .foldLeft(read, SourceValues::withProblem);
    }

    private static List<ConfigProblem> problems(Exception error, List<String> args) {
        return switch (error) {
            case CommandLine.UnmatchedArgumentException unmatched -> unexpected(List.ofAll(unmatched.getUnmatched()), args);
            case CommandLine.MissingParameterException missing -> flagProblem(missing, List.ofAll(missing.getMissing()),
                    spec -> "missing value; write " + spec.flag() + "=" + spec.valueLabel());
            case CommandLine.OverwrittenOptionException twice -> flagProblem(twice, List.of(twice.getOverwritten()),
                    spec -> "given more than once");
            case ParameterException other -> List.of(new ConfigProblem("run", other.getMessage()));
            default -> throw new IllegalStateException("picocli failed while reading run's flags", error);
        };
    }

    private static List<ConfigProblem> flagProblem(ParameterException error, List<ArgSpec> about, Function<OptionSpec<?>, String> message) {
        List<ConfigProblem> problems = about.filter(ArgSpec::isOption)
                .flatMap(arg -> RunOptions.named(((CommandLine.Model.OptionSpec) arg).longestName().substring(2)))
                .map(spec -> new ConfigProblem(spec.flag(), message.apply(spec)));
        return problems.isEmpty() ? List.of(new ConfigProblem("run", error.getMessage())) : problems;
    }

    /** Each unmatched argument, with the argument before it (a bare boolean flag there gets a hint). */
    private static List<ConfigProblem> unexpected(List<String> unmatched, List<String> args) {
        return unmatched.map(arg -> unexpected(arg, Option.of(args.indexOf(arg)).filter(i -> i > 0).map(i -> args.get(i - 1))));
    }

    private static ConfigProblem unexpected(String arg, Option<String> previous) {
        if (arg.startsWith("--") && arg.length() > 2) {
            String name = arg.substring(2).split("=", 2)[0];
            return new ConfigProblem("--" + name, "unknown flag"
                    + RunOptions.closestTo(name, RunOptions.ALL).map(spec -> "; did you mean " + spec.flag() + "?").getOrElse(""));
        }
        Option<OptionSpec<?>> bareBoolean = previous.filter(text -> text.startsWith("--") && !text.contains("="))
                .flatMap(text -> RunOptions.named(text.substring(2)))
                .filter(spec -> spec.kind() == OptionSpec.ValueKind.BOOLEAN);
        String hint = bareBoolean.map(spec -> "; a boolean flag takes its value after '=': " + spec.flag() + "=" + arg)
                .getOrElse(arg.startsWith("-") && arg.length() > 1 && !arg.equals("--")
                        ? "; flags start with two dashes"
                        : "; run takes no arguments, only --flags");
        return new ConfigProblem("run", "unexpected argument \"" + arg + "\"" + hint);
    }
}
