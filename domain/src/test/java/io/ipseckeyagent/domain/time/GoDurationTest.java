package io.ipseckeyagent.domain.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0           | PT0S
            +0          | PT0S
            -0          | PT0S
            0s          | PT0S
            30s         | PT30S
            2m30s       | PT2M30S
            1h          | PT1H
            1h30m       | PT1H30M
            1.5h        | PT1H30M
            250ms       | PT0.25S
            .5s         | PT0.5S
            1.s         | PT1S
            1h0m0.5s    | PT1H0.5S
            90m         | PT1H30M
            100ns       | PT0.0000001S
            3us         | PT0.000003S
            3µs         | PT0.000003S
            3μs         | PT0.000003S
            1m1m        | PT2M
            -5s         | PT-5S
            +5s         | PT5S
            2562047h    | PT2562047H
            PT30S       | PT30S
            pt30s       | PT30S
            P1D         | PT24H
            PT1H30M     | PT1H30M
            -PT5S       | PT-5S
            """)
    void parsesGoAndIsoDurations(String text, String expected) {
        assertThat(GoDuration.parse(text).toJavaOptional()).contains(Duration.parse(expected));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''          | empty duration
            5           | missing unit after 5
            1h5         | missing unit after 5
            1d          | unknown unit "d" (use ns, us, ms, s, m or h)
            5S          | unknown unit "S"
            s           | expected a number at "s"
            .s          | expected a number at ".s"
            1..5s       | missing unit after 1.
            -           | no number
            ' 5s'       | expected a number at " 5s"
            5s          | never
            2562048h    | too long
            PT          | invalid ISO-8601 duration "PT"
            P1Y         | invalid ISO-8601 duration "P1Y"
            """)
    void rejectsWhatGoRejects(String text, String reason) {
        if (reason.equals("never")) {
            assertThat(GoDuration.parse(text).isRight()).isTrue();
            return;
        }
        assertThat(GoDuration.parse(text).getLeft())
                .contains(reason)
                .contains("write it like 30s, 2m30s, 1h or PT30S");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            PT0S           | 0s
            PT30S          | 30s
            PT2M30S        | 2m30s
            PT1H           | 1h0m0s
            PT1H30M        | 1h30m0s
            PT1H0.5S       | 1h0m0.5s
            PT26H0.5S      | 26h0m0.5s
            PT37.412S      | 37.412s
            PT0.25S        | 250ms
            PT0.0000015S   | 1.5µs
            PT0.000003S    | 3µs
            PT0.0000001S   | 100ns
            PT0.000000007S | 7ns
            PT-5S          | -5s
            PT48H          | 48h0m0s
            """)
    void formatsAsGoDurationString(String iso, String expected) {
        assertThat(GoDuration.format(Duration.parse(iso))).isEqualTo(expected);
    }

    @Test
    void formattingThenParsingIsTheIdentity() {
        qt().withFixedSeed(42).withExamples(10_000)
                .forAll(longs().between(-Long.MAX_VALUE, Long.MAX_VALUE))
                .check(nanos -> GoDuration.parse(GoDuration.format(Duration.ofNanos(nanos))).contains(Duration.ofNanos(nanos)));
    }

    @Test
    void neverThrowsOnArbitraryText() {
        Random random = new Random(7);
        String alphabet = "0123456789.+-hmsunµPTDY ";
        for (int i = 0; i < 10_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(12); length > 0; length--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(GoDuration.parse(text.toString())).isNotNull();
        }
    }
}
