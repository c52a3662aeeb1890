package io.ipseckeyagent.bootstrap.config;

import io.ipseckeyagent.pluginhost.DidYouMean;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads the {@code --config} file: a YAML mapping from option names to values. Unknown keys,
 * repeated keys and values of the wrong YAML type are problems naming {@code file:line: key}.
 * Uses the YAML node tree (not Java objects) so that every problem knows its line.
 */
final class YamlConfigFile {
    private YamlConfigFile() {}

    static SourceValues read(Path file, String text) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file.toString())
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(true) // reported below, with both lines
                .build();
        try {
            return new Compose(settings).composeString(text)
                    .map(root -> readRoot(file, root))
                    .orElse(SourceValues.NONE);
        } catch (MarkedYamlEngineException e) {
            return SourceValues.NONE.withProblem(
                    new ConfigProblem(file + ":" + line(e.getProblemMark()), "invalid YAML: "
                            + Option.of(e.getContext()).map(context -> context + " ").getOrElse("") + e.getProblem()));
        } catch (YamlEngineException e) {
            return SourceValues.NONE.withProblem(new ConfigProblem(file.toString(), "invalid YAML: " + e.getMessage()));
        }
    }

    private static SourceValues readRoot(Path file, Node root) {
        if (!(root instanceof MappingNode mapping)) {
            return SourceValues.NONE.withProblem(new ConfigProblem(file + ":" + line(root.getStartMark()),
                    "expected a mapping of option names to values, got " + describe(root)));
        }
        SourceValues read = SourceValues.NONE;
        HashMap<String, Integer> firstLines = HashMap.empty();
        for (NodeTuple entry : mapping.getValue()) {
            Node keyNode = entry.getKeyNode();
            int line = line(keyNode.getStartMark());
            if (!(keyNode instanceof ScalarNode keyScalar) || !keyScalar.getTag().equals(Tag.STR)) {
                read = read.withProblem(new ConfigProblem(file + ":" + line, "expected an option name as key, got " + describe(keyNode)));
                continue;
            }
            String key = keyScalar.getValue();
            ValueSource.File source = new ValueSource.File(file, line, key);
            Option<Integer> firstLine = firstLines.get(key);
            firstLines = firstLines.put(key, firstLine.getOrElse(line));
            read = firstLine.isDefined()
                    ? read.withProblem(source.problem("given twice (first at line " + firstLine.getOrElse(0) + ")"))
                    : readEntry(read, key, entry.getValueNode(), source);
        }
        return read;
    }

    private static SourceValues readEntry(SourceValues read, String key, Node value, ValueSource.File source) {
        Option<OptionSpec<?>> known = RunOptions.named(key).filter(OptionSpec::inConfigFile);
        if (known.isEmpty()) {
            String problem = RunOptions.named(key).isDefined()
                    ? "cannot be set in the config file"
                    : "unknown key" + RunOptions.closestTo(key, RunOptions.ALL.filter(OptionSpec::inConfigFile))
                            .map(spec -> "; did you mean " + spec.fileKey() + "?").getOrElse("");
            return read.withProblem(source.problem(problem));
        }
        return known.map(spec -> scalarText(spec, value).fold(
                        message -> read.withProblem(source.problem(message)),
                        text -> read.with(spec, new RawValue(text, source))))
                .getOrElse(read);
    }

    /** The scalar's text if its YAML type suits the option; strings stay strings, booleans booleans. */
    private static Either<String, String> scalarText(OptionSpec<?> spec, Node value) {
        boolean suits = value instanceof ScalarNode && switch (spec.kind()) {
            case BOOLEAN -> value.getTag().equals(Tag.BOOL);
            case TEXT -> value.getTag().equals(Tag.STR);
            case DURATION -> value.getTag().equals(Tag.STR) || value.getTag().equals(Tag.INT) || value.getTag().equals(Tag.FLOAT);
        };
        if (suits) {
            return Either.right(((ScalarNode) value).getValue());
        }
        String expected = switch (spec.kind()) {
            case BOOLEAN -> "true or false";
            case TEXT -> "a string";
            case DURATION -> "a duration like 30s";
        };
        String advice = value.getTag().equals(Tag.NULL)
                ? "; remove the key to use the default"
                : spec.kind() == OptionSpec.ValueKind.TEXT && value instanceof ScalarNode ? "; put it in quotes" : "";
        return Either.left("expected " + expected + ", got " + describe(value) + advice);
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        String text = node instanceof ScalarNode scalar ? scalar.getValue() : "";
        Tag tag = node.getTag();
        return tag.equals(Tag.NULL) ? "no value"
                : tag.equals(Tag.BOOL) ? "the boolean " + text
                : tag.equals(Tag.INT) || tag.equals(Tag.FLOAT) ? "the number " + text
                : tag.equals(Tag.STR) ? "the string \"" + text + "\""
                : "a value tagged " + tag.getValue();
    }

    private static int line(Optional<Mark> mark) {
        return mark.map(m -> m.getLine() + 1).orElse(1);
    }
}
