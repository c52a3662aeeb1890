package io.ipseckeyagent.bootstrap.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlagValuesTest {

    @Test
    void logFormatAndLevelParseTheirFlagSpellings() {
        assertThat(LogFormat.parse("json").get()).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.parse("TEXT").get()).isEqualTo(LogFormat.TEXT);
        assertThat(LogLevel.parse("warn").get()).isEqualTo(LogLevel.WARN);
        assertThat(LogLevel.DEBUG.flagValue()).isEqualTo("debug");
    }

    @Test
    void unknownValuesListWhatIsAccepted() {
        assertThat(LogFormat.parse("logfmt").getLeft()).isEqualTo("expected one of text, json, was 'logfmt'");
        assertThat(LogLevel.parse("trace").getLeft()).isEqualTo("expected one of debug, info, warn, error, was 'trace'");
    }
}
