package io.ipseckeyagent.adapters.fs;

import io.ipseckeyagent.adapters.fs.FileSystemAdapters.YamlEntry;
import io.ipseckeyagent.adapters.fs.FileSystemAdapters.YamlProblem;
import io.ipseckeyagent.adapters.fs.FileSystemAdapters.YamlType;
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
 * A YAML mapping read as its node tree (not Java objects), so that every entry and every problem
 * knows its line; YAML 1.2's core schema, so {@code yes} stays a string.
 */
final class YamlMappings {
    private YamlMappings() {}

    static List<Either<YamlProblem, YamlEntry>> read(Path file, String text) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file.toString())
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(true) // reported below, with both lines
                .build();
        try {
            return new Compose(settings).composeString(text).map(root -> entries(file, root)).orElse(List.empty());
        } catch (MarkedYamlEngineException e) {
            return List.of(Either.left(new YamlProblem(file + ":" + line(e.getProblemMark()), "invalid YAML: "
                    + Option.of(e.getContext()).map(context -> context + " ").getOrElse("") + e.getProblem())));
        } catch (YamlEngineException e) {
            return List.of(Either.left(new YamlProblem(file.toString(), "invalid YAML: " + e.getMessage())));
        }
    }

    private static List<Either<YamlProblem, YamlEntry>> entries(Path file, Node root) {
        if (!(root instanceof MappingNode mapping)) {
            return List.of(Either.left(new YamlProblem(file + ":" + line(root.getStartMark()),
                    "expected a mapping of option names to values, got " + describe(root))));
        }
        List<Either<YamlProblem, YamlEntry>> read = List.empty();
        HashMap<String, Integer> firstLines = HashMap.empty();
        for (NodeTuple entry : mapping.getValue()) {
            Node keyNode = entry.getKeyNode();
            int line = line(keyNode.getStartMark());
            if (!(keyNode instanceof ScalarNode key) || !key.getTag().equals(Tag.STR)) {
                read = read.append(Either.left(new YamlProblem(file + ":" + line,
                        "expected an option name as key, got " + describe(keyNode))));
                continue;
            }
            String name = key.getValue();
            Option<Integer> firstLine = firstLines.get(name);
            firstLines = firstLines.put(name, firstLine.getOrElse(line));
            Node value = entry.getValueNode();
            String text = value instanceof ScalarNode scalar ? scalar.getValue() : "";
            read = read.append(firstLine.isDefined()
                    ? Either.left(new YamlProblem(file + ":" + line + ": " + name,
                            "given twice (first at line " + firstLine.getOrElse(0) + ")"))
                    : Either.right(new YamlEntry(name, line, type(value), text, describe(value))));
        }
        return read;
    }

    private static YamlType type(Node node) {
        Tag tag = node.getTag();
        return node instanceof MappingNode ? YamlType.MAPPING
                : node instanceof SequenceNode ? YamlType.LIST
                : tag.equals(Tag.NULL) ? YamlType.NULL
                : tag.equals(Tag.BOOL) ? YamlType.BOOLEAN
                : tag.equals(Tag.INT) || tag.equals(Tag.FLOAT) ? YamlType.NUMBER
                : tag.equals(Tag.STR) ? YamlType.STRING
                : YamlType.OTHER;
    }

    private static String describe(Node node) {
        String text = node instanceof ScalarNode scalar ? scalar.getValue() : "";
        return switch (type(node)) {
            case MAPPING -> "a mapping";
            case LIST -> "a list";
            case NULL -> "no value";
            case BOOLEAN -> "the boolean " + text;
            case NUMBER -> "the number " + text;
            case STRING -> "the string \"" + text + "\"";
            case OTHER -> "a value tagged " + node.getTag().getValue();
        };
    }

    private static int line(Optional<Mark> mark) {
        return mark.map(m -> m.getLine() + 1).orElse(1);
    }
}
