package io.ipseckeyagent.adapters.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.adapters.fs.FileSystemAdapters.YamlEntry;
import io.ipseckeyagent.adapters.fs.FileSystemAdapters.YamlProblem;
import io.ipseckeyagent.adapters.fs.FileSystemAdapters.YamlType;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The config file's YAML, as the filesystem adapter reads it: entries and problems in the file's order, each with its line. */
class YamlMappingTest {
    private static final Path FILE = Path.of("agent.yaml");

    private static List<Either<YamlProblem, YamlEntry>> read(String text) {
        return FileSystemAdapters.readYamlMapping(FILE, text);
    }

    @Test
    void eachEntryHasItsLineItsYamlTypeAndItsTextAsWritten() {
        assertThat(read("# comment\na: 5m\nb: 30\nc: true\nd: yes\ne:\nf: [1]\ng: {h: 1}\n").map(Either::get)).containsExactly(
                new YamlEntry("a", 2, YamlType.STRING, "5m", "the string \"5m\""),
                new YamlEntry("b", 3, YamlType.NUMBER, "30", "the number 30"),
                new YamlEntry("c", 4, YamlType.BOOLEAN, "true", "the boolean true"),
                new YamlEntry("d", 5, YamlType.STRING, "yes", "the string \"yes\""), // YAML 1.2: yes is a string
                new YamlEntry("e", 6, YamlType.NULL, "", "no value"),
                new YamlEntry("f", 7, YamlType.LIST, "", "a list"),
                new YamlEntry("g", 8, YamlType.MAPPING, "", "a mapping"));
    }

    @Test
    void aRepeatedKeyIsAProblemAtItsSecondLineAndTheFirstCounts() {
        assertThat(read("a: 1\nb: 2\na: 3\n")).containsExactly(
                Either.right(new YamlEntry("a", 1, YamlType.NUMBER, "1", "the number 1")),
                Either.right(new YamlEntry("b", 2, YamlType.NUMBER, "2", "the number 2")),
                Either.left(new YamlProblem("agent.yaml:3: a", "given twice (first at line 1)")));
    }

    @Test
    void aKeyThatIsNotAStringIsAProblemAndTheOtherEntriesAreStillRead() {
        assertThat(read("1: x\nb: y\n")).containsExactly(
                Either.left(new YamlProblem("agent.yaml:1", "expected an option name as key, got the number 1")),
                Either.right(new YamlEntry("b", 2, YamlType.STRING, "y", "the string \"y\"")));
    }

    @Test
    void aDocumentThatIsNotAMappingOrNotYamlIsOneProblemWithItsLine() {
        assertThat(read("- a\n- b\n")).containsExactly(
                Either.left(new YamlProblem("agent.yaml:1", "expected a mapping of option names to values, got a list")));
        assertThat(read("a: 1\nb: [\n")).singleElement().satisfies(problem -> {
            assertThat(problem.getLeft().where()).startsWith("agent.yaml:");
            assertThat(problem.getLeft().message()).startsWith("invalid YAML: ");
        });
    }

    @Test
    void anEmptyFileHasNoEntries() {
        assertThat(read("")).isEmpty();
        assertThat(read("# only a comment\n")).isEmpty();
    }
}
