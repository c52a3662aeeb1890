package io.ipseckeyagent.adapters.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.domain.key.KeyBytes;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every output of this package, fed events that stand for real keys, never shows the keys' bytes. */
class KeyMaterialNeverShownTest {

    @Test
    void logsMetricsAndHealthShowFingerprintsButNeverKeyHex() {
        CapturedLog text = new CapturedLog(LogFormat.TEXT, LogLevel.DEBUG);
        CapturedLog json = new CapturedLog(LogFormat.JSON, LogLevel.DEBUG);
        ObservabilityAdapters observability = ObservabilityAdapters.create(ObservabilityAdapters.fanOut(
                ObservabilityAdapters.eventLog(text.logger(ObservabilityAdapters.EVENTS_LOGGER)),
                ObservabilityAdapters.eventLog(json.logger(ObservabilityAdapters.EVENTS_LOGGER))));

        for (AgentEvent event : SampleEvents.everyKind()) {
            observability.events().emit(event);
        }
        observability.events().emit(SampleEvents.overdue());

        String outputs = String.join("\n", text.text(), json.text(),
                PrometheusTextFormatWriter.create().toDebugString(observability.registry().scrape()),
                observability.health().toJson());
        assertThat(outputs).contains(SampleEvents.NEW_KEY.fingerprint());
        assertNoKeyIn(outputs, SampleEvents.OLD_KEY);
        assertNoKeyIn(outputs, SampleEvents.NEW_KEY);
    }

    /** Checks without ever printing the key, even when failing. */
    private static void assertNoKeyIn(String output, KeyBytes key) {
        String hex = key.toKeyFileHex();
        String lower = output.toLowerCase(Locale.ROOT);
        assertThat(lower.contains(hex)).as("an output contains the hex of key %s", key.fingerprint()).isFalse();
        // Not even a long piece of it.
        assertThat(lower.contains(hex.substring(0, 16))).as("an output contains part of key %s", key.fingerprint())
                .isFalse();
    }
}
