package io.ipseckeyagent.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every generated file a page of docs/ links or embeds is one that docs/reports/regenerate.sh writes,
 * and is committed: a figure cannot point at a file no command produces any more.
 */
class GeneratedFiguresTest {
    private static final Path ROOT = Path.of(System.getProperty("ipseckeyagent.reactorRoot", "..")).toAbsolutePath()
            .normalize();
    private static final Path SCRIPT = ROOT.resolve("docs/reports/regenerate.sh");
    private static final Path GENERATED = ROOT.resolve("docs/reports/generated");
    /** A link or image target ending in generated/FILE. */
    private static final Pattern LINK = Pattern.compile("\\]\\((?:[^)\\s]*/)?generated/([A-Za-z0-9._-]+)\\)");
    private static final Pattern LOOP = Pattern.compile("^\\s*for (\\w+) in ([^;]+); do");
    private static final Pattern RECORD = Pattern.compile("^\\s*record \"?([^\"\\s]+)\"? (.*)$");

    @Test
    void everyGeneratedFileTheDocsLinkIsWrittenByTheScriptAndCommitted() throws IOException {
        Outputs outputs = Outputs.of(Files.readString(SCRIPT));
        Map<String, Set<String>> links = new TreeMap<>();
        for (Path page : pages()) {
            links.put(ROOT.relativize(page).toString(), linked(Files.readString(page)));
        }

        assertThat(links.values().stream().mapToInt(Set::size).sum()).as("links to generated files").isPositive();
        links.forEach((page, files) -> files.forEach(file -> {
            assertThat(outputs.writes(file)).as(page + " links generated/" + file + ", which regenerate.sh does not write")
                    .isTrue();
            assertThat(GENERATED.resolve(file)).as(page + " links generated/" + file + ": run regenerate.sh, commit it")
                    .isRegularFile();
        }));
    }

    @Test
    void theScriptsOutputsAreItsRecordsTheirChartsAndTheirLoops() {
        Outputs outputs = Outputs.of("""
                record check-keys-startup check_keys_median
                for n in 5000 100000; do
                  record "simulate-$n" "$JAVA" -jar "$SIM" simulate --nodes "$n" --out-dir "$OUT"
                done
                record demo-30 "$JAVA" -jar "$SIM" demo --nodes 30
                """);

        assertThat(outputs.writes("check-keys-startup.txt")).isTrue();
        assertThat(outputs.writes("simulate-100000.txt")).isTrue();
        assertThat(outputs.writes("simulate-5000.png")).isTrue();
        assertThat(outputs.writes("simulate-5000-uniform.csv")).isTrue();
        assertThat(outputs.writes("demo-30.txt")).isTrue();
        assertThat(outputs.writes("demo-30.png")).as("no --out-dir, no chart").isFalse();
        assertThat(outputs.writes("simulate-10000.txt")).as("not in the loop").isFalse();
        assertThat(outputs.writes("simulate-5000-uniform.txt")).isFalse();
    }

    @Test
    void findsLinksAndImagesToGeneratedFilesOnly() {
        String page = "see [the run](generated/simulate-5000.txt), ![chart](../reports/generated/demo-30.png),"
                + " [the script](regenerate.sh) and [ADR](../decisions/0009.md)";

        assertThat(linked(page)).containsExactly("demo-30.png", "simulate-5000.txt");
    }

    private static Set<String> linked(String page) {
        Set<String> files = new TreeSet<>();
        Matcher link = LINK.matcher(page);
        while (link.find()) {
            files.add(link.group(1));
        }
        return files;
    }

    private static List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve("docs"))) {
            return files.filter(file -> file.toString().endsWith(".md")).sorted().toList();
        }
    }

    /** What the script writes: NAME.txt per record; NAME.png and NAME-RUN.csv when the command has --out-dir. */
    private record Outputs(Set<String> texts, Set<String> charts) {

        static Outputs of(String script) {
            Set<String> texts = new TreeSet<>();
            Set<String> charts = new TreeSet<>();
            List<String> loopValues = List.of();
            String loopVariable = null;
            for (String line : script.lines().toList()) {
                Matcher loop = LOOP.matcher(line);
                if (loop.find()) {
                    loopVariable = loop.group(1);
                    loopValues = List.of(loop.group(2).trim().split("\\s+"));
                    continue;
                }
                if (line.trim().equals("done")) {
                    loopVariable = null;
                    continue;
                }
                Matcher record = RECORD.matcher(line);
                if (record.find()) {
                    List<String> names = new ArrayList<>();
                    String name = record.group(1);
                    if (loopVariable != null && (name.contains("$" + loopVariable) || name.contains("${" + loopVariable + "}"))) {
                        for (String value : loopValues) {
                            names.add(name.replace("${" + loopVariable + "}", value).replace("$" + loopVariable, value));
                        }
                    } else {
                        names.add(name);
                    }
                    texts.addAll(names);
                    if (record.group(2).contains("--out-dir")) {
                        charts.addAll(names);
                    }
                }
            }
            return new Outputs(texts, charts);
        }

        boolean writes(String file) {
            if (file.endsWith(".txt")) {
                return texts.contains(file.substring(0, file.length() - ".txt".length()));
            }
            if (file.endsWith(".png")) {
                return charts.contains(file.substring(0, file.length() - ".png".length()));
            }
            return file.endsWith(".csv") && charts.stream().anyMatch(name -> file.matches(Pattern.quote(name) + "-[a-z-]+\\.csv"));
        }
    }
}
