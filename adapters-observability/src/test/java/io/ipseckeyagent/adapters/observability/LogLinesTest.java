package io.ipseckeyagent.adapters.observability;

import static io.ipseckeyagent.adapters.observability.SampleEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

class LogLinesTest {
    private static final List<KeyValuePair> NODE_FIELDS = List.of(
            new KeyValuePair("clusterName", "default"), new KeyValuePair("nodeName", "node-7"), new KeyValuePair("spi", 4));

    @Test
    void textLineIsSlogLogfmt() {
        String line = LogLines.text(T0, Level.INFO, "ipsec", "Node updated", NODE_FIELDS);

        assertThat(line).isEqualTo("time=2026-11-24T10:00:00.123Z level=info"
                + " msg=\"Node updated\" subsys=ipsec clusterName=default nodeName=node-7 spi=4\n");
    }

    @Test
    void jsonLineHasTheSameFieldsInTheSameOrder() {
        String line = LogLines.json(T0, Level.INFO, "ipsec", "Node updated", NODE_FIELDS);

        assertThat(line).isEqualTo("{\"time\":\"2026-11-24T10:00:00.123Z\",\"level\":\"info\","
                + "\"msg\":\"Node updated\",\"subsys\":\"ipsec\","
                + "\"clusterName\":\"default\",\"nodeName\":\"node-7\",\"spi\":4}\n");
    }

    @Test
    void timeAlwaysHasMilliseconds() {
        String line = LogLines.text(java.time.Instant.parse("2026-11-24T10:00:00Z"), Level.WARN, "s", "m", List.of());

        assertThat(line).startsWith("time=2026-11-24T10:00:00.000Z level=warn ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "plain            | plain",
        "two words        | \"two words\"",
        "k=v              | \"k=v\"",
        "say \"hi\"       | \"say \\\"hi\\\"\"",
        "C:\\dir          | C:\\dir",
        "''               | \"\"",
    })
    void textQuotesOnlyWhatWouldBreakAPair(String value, String rendered) {
        String line = LogLines.text(T0, Level.INFO, "s", "m", List.of(new KeyValuePair("k", value.strip())));

        assertThat(line).endsWith(" k=" + rendered.strip() + "\n");
    }

    @Test
    void textEscapesNewlinesAndControlCharactersSoAnEventStaysOneLine() {
        String line = LogLines.text(T0, Level.INFO, "s", "first\nsecond", List.of(new KeyValuePair("k", "a\tb\rc\u0001")));

        assertThat(line).endsWith(" msg=\"first\\nsecond\" subsys=s k=\"a\\tb\\rc\\u0001\"\n");
        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
    }

    @Test
    void jsonKeepsNumbersAndBooleansAndQuotesEverythingElse() {
        Map<String, Object> parsed = CapturedLog.parse(LogLines.json(T0, Level.INFO, "s", "m", List.of(
                new KeyValuePair("count", 2), new KeyValuePair("big", 5_000_000_000L), new KeyValuePair("ratio", 0.5),
                new KeyValuePair("nan", Double.NaN), new KeyValuePair("ok", true), new KeyValuePair("none", null),
                new KeyValuePair("text", "say \"hi\"\nbye\\"))));

        assertThat(parsed).containsOnly(entry("time", "2026-11-24T10:00:00.123Z"), entry("level", "info"),
                entry("msg", "m"), entry("subsys", "s"), entry("count", 2), entry("big", 5_000_000_000L),
                entry("ratio", 0.5), entry("nan", "NaN"), entry("ok", true), entry("none", null),
                entry("text", "say \"hi\"\nbye\\"));
    }

    @Test
    void anyAsciiValueIncludingControlCharactersSurvivesBothFormatsOnOneLine() {
        qt().withFixedSeed(20261124L).withExamples(500)
                .forAll(strings().betweenCodePoints(0, 0x7f).ofLengthBetween(0, 24))
                .checkAssert(LogLinesTest::survivesBothFormats);
    }

    @Test
    void anyUnicodeValueSurvivesBothFormatsOnOneLine() {
        qt().withFixedSeed(20261124L).withExamples(500)
                .forAll(strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, 24))
                .checkAssert(LogLinesTest::survivesBothFormats);
    }

    private static void survivesBothFormats(String value) {
        List<KeyValuePair> fields = List.of(new KeyValuePair("k", value));
        String text = LogLines.text(T0, Level.INFO, "s", value, fields);
        String json = LogLines.json(T0, Level.INFO, "s", value, fields);

        assertThat(text.indexOf('\n')).isEqualTo(text.length() - 1);
        assertThat(json.indexOf('\n')).isEqualTo(json.length() - 1);
        assertThat(parseLogfmt(text)).containsEntry("msg", value).containsEntry("k", value);
        assertThat(CapturedLog.parse(json)).containsEntry("msg", value).containsEntry("k", value);
    }

    /** A strict reader of logfmt as slog writes it: bare values, or quoted with Go escapes. */
    static Map<String, String> parseLogfmt(String line) {
        Map<String, String> pairs = new LinkedHashMap<>();
        int i = 0;
        String body = line.substring(0, line.length() - 1);
        while (i < body.length()) {
            int equals = body.indexOf('=', i);
            String key = body.substring(i, equals);
            StringBuilder value = new StringBuilder();
            i = equals + 1;
            if (i < body.length() && body.charAt(i) == '"') {
                for (i++; body.charAt(i) != '"'; i++) {
                    char c = body.charAt(i);
                    if (c == '\\') {
                        char escaped = body.charAt(++i);
                        switch (escaped) {
                            case 'n' -> value.append('\n');
                            case 'r' -> value.append('\r');
                            case 't' -> value.append('\t');
                            case 'b' -> value.append('\b');
                            case 'f' -> value.append('\f');
                            case 'u' -> {
                                value.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                                i += 4;
                            }
                            default -> value.append(escaped);
                        }
                    } else {
                        value.append(c);
                    }
                }
                i++;
            } else {
                int end = body.indexOf(' ', i);
                end = end < 0 ? body.length() : end;
                value.append(body, i, end);
                i = end;
            }
            pairs.put(key, value.toString());
            i++; // the space between pairs
        }
        return pairs;
    }
}
