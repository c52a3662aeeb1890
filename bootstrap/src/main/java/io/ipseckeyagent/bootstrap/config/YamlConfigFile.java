package io.ipseckeyagent.bootstrap.config;

import io.ipseckeyagent.adapters.fs.FileSystemAdapters;
import io.ipseckeyagent.adapters.fs.FileSystemAdapters.YamlEntry;
import io.ipseckeyagent.adapters.fs.FileSystemAdapters.YamlType;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;

/**
 * What the {@code --config} file says: a YAML mapping from option names to values, read by the
 * filesystem adapter with every entry's line. Unknown keys, keys the file may not set and values of
 * the wrong YAML type are problems naming {@code file:line: key}, as the YAML's own problems are.
 */
final class YamlConfigFile {
    private YamlConfigFile() {}

    static SourceValues read(Path file, String text) {
        return FileSystemAdapters.readYamlMapping(file, text).foldLeft(SourceValues.NONE, (read, entry) -> entry.fold(
                problem -> read.withProblem(new ConfigProblem(problem.where(), problem.message())),
                value -> read(read, value, new ValueSource.File(file, value.line(), value.key()))));
    }

    private static SourceValues read(SourceValues read, YamlEntry entry, ValueSource.File source) {
        Option<OptionSpec<?>> known = RunOptions.named(entry.key()).filter(OptionSpec::inConfigFile);
        if (known.isEmpty()) {
            String problem = RunOptions.named(entry.key()).isDefined()
                    ? "cannot be set in the config file"
                    : "unknown key" + RunOptions.closestTo(entry.key(), RunOptions.ALL.filter(OptionSpec::inConfigFile))
                            .map(spec -> "; did you mean " + spec.fileKey() + "?").getOrElse("");
            return read.withProblem(source.problem(problem));
        }
        return known.map(spec -> scalarText(spec, entry).fold(
                        message -> read.withProblem(source.problem(message)),
                        text -> read.with(spec, new RawValue(text, source))))
                .getOrElse(read);
    }

    /** The scalar's text if its YAML type suits the option; strings stay strings, booleans booleans. */
    private static Either<String, String> scalarText(OptionSpec<?> spec, YamlEntry entry) {
        boolean suits = switch (spec.kind()) {
            case BOOLEAN -> entry.type() == YamlType.BOOLEAN;
            case TEXT -> entry.type() == YamlType.STRING;
            case DURATION -> entry.type() == YamlType.STRING || entry.type() == YamlType.NUMBER;
        };
        if (suits) {
            return Either.right(entry.text());
        }
        String expected = switch (spec.kind()) {
            case BOOLEAN -> "true or false";
            case TEXT -> "a string";
            case DURATION -> "a duration like 30s";
        };
        boolean scalar = entry.type() != YamlType.MAPPING && entry.type() != YamlType.LIST;
        String advice = entry.type() == YamlType.NULL
                ? "; remove the key to use the default"
                : spec.kind() == OptionSpec.ValueKind.TEXT && scalar ? "; put it in quotes" : "";
        return Either.left("expected " + expected + ", got " + entry.description() + advice);
    }
}
