package io.ipseckeyagent.adapters.observability;

import static io.ipseckeyagent.adapters.observability.SampleEvents.NEW_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.application.port.out.PublishOutcome;
import io.ipseckeyagent.domain.key.KeyFileProblem;
import io.ipseckeyagent.domain.key.NodeName;
import io.vavr.control.Option;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventLogTest {
    private static final String TIME = "time=2026-11-24T10:00:00.123Z ";
    private static final String INFO = "level=info ";
    private static final String WARN = "level=warn ";
    private static final String ERROR = "level=error ";

    private static List<String> text(AgentEvent event) {
        CapturedLog log = new CapturedLog(LogFormat.TEXT, LogLevel.DEBUG);
        new EventLog(log.logger(ObservabilityAdapters.EVENTS_LOGGER)).emit(event);
        return log.lines().stream().map(line -> line.substring(TIME.length())).toList();
    }

    private static List<Map<String, Object>> json(AgentEvent event) {
        CapturedLog log = new CapturedLog(LogFormat.JSON, LogLevel.DEBUG);
        new EventLog(log.logger(ObservabilityAdapters.EVENTS_LOGGER)).emit(event);
        return log.jsonObjects();
    }

    @Test
    void remoteNodeUpdateKeepsCiliumsWordsAndFields() {
        assertThat(text(SampleEvents.remoteUpdated()))
                .containsExactly(INFO + "msg=\"Node updated\" subsys=ipsec clusterName=default nodeName=node-12 spi=4");
        assertThat(json(SampleEvents.remoteUpdated())).singleElement().satisfies(line -> assertThat(line)
                .containsExactly(entry("time", "2026-11-24T10:00:00.123Z"), entry("level", "info"),
                        entry("msg", "Node updated"), entry("subsys", "ipsec"),
                        entry("clusterName", "default"), entry("nodeName", "node-12"), entry("spi", 4)));
    }

    @Test
    void aRemoteNodeWithoutKeyIsLoggedWithSpiZeroAsCiliumDoes() {
        var noKey = new AgentEvent.RemoteNodeUpdated(SampleEvents.T0, "default", NodeName.of("node-3"), Option.none());

        assertThat(text(noKey)).containsExactly(INFO + "msg=\"Node updated\" subsys=ipsec clusterName=default nodeName=node-3 spi=0");
    }

    @Test
    void aRejectedKeyFileLogsEveryErrorWithFileAndLine() {
        assertThat(text(SampleEvents.rejected())).containsExactly(
                ERROR + "msg=\"Failed to load IPsec keyfile\" subsys=ipsec file=/etc/ipsec/keys"
                        + " error=\"/etc/ipsec/keys:2: SPI must be a decimal number from 1 to 15, was 16\" keptSPI=3",
                ERROR + "msg=\"Failed to load IPsec keyfile\" subsys=ipsec file=/etc/ipsec/keys"
                        + " error=\"/etc/ipsec/keys:3: expected 4 or 5 fields, found 2\" keptSPI=3");
    }

    @Test
    void aRejectedFirstKeyFileHasNoKeptSpi() {
        var unreadable = new AgentEvent.KeysRejected(SampleEvents.T0, "/etc/ipsec/keys",
                io.vavr.collection.List.of(KeyFileProblem.ofFile("no such file")),
                Option.none());

        assertThat(text(unreadable)).containsExactly(ERROR + "msg=\"Failed to load IPsec keyfile\" subsys=ipsec file=/etc/ipsec/keys"
                + " error=\"/etc/ipsec/keys: no such file\"");
    }

    @Test
    void aFailedLookupOfThePublishedKeyWarnsWithNodeAndReason() {
        assertThat(text(SampleEvents.lookupFailed())).containsExactly(WARN + "msg=\"Unable to get CiliumNode resource\" subsys=ipsec"
                + " nodeName=node-7 outcome=failed reason=\"connect timed out\"");
    }

    @Test
    void jitterShowsPolicyDelayBoundAndDeadline() {
        assertThat(text(SampleEvents.jitter())).containsExactly(INFO + "msg=\"Jitter chosen for IPsec key rotation\" subsys=ipsec"
                + " policy=uniform delay=37.412s maxDelay=2m30s maximum=2m30s knownNodes=5000 targetRate=20.0 cap=3m25s"
                + " fireAt=2026-11-24T10:00:37.535Z deadline=2026-11-24T10:05:00.123Z");
    }

    @Test
    void aFleetTheWindowCannotHoldIsAWarningWithTheNumbers() {
        assertThat(text(SampleEvents.jitterShortOfWindow())).hasSize(2).last().asString().isEqualTo(WARN
                + "msg=\"Rotation window cannot hold the fleet at the jitter target rate\" subsys=ipsec reason=\"5000 nodes at 20 writes/s"
                + " need a jitter maximum of 4m10s, but the rotation window leaves 3m25s: the fleet will write at about"
                + " 24.4 writes/s; lengthen the rotation window to at least 5m45s or raise the target rate\"");
    }

    @Test
    void loadedAndAppliedKeysShowSpiAndFingerprintOnly() {
        String fingerprint = NEW_KEY.fingerprint();

        assertThat(text(SampleEvents.loaded())).containsExactly(
                INFO + "msg=\"IPsec keyfile loaded\" subsys=ipsec file=/etc/ipsec/keys spi=4 keyCount=2 fingerprint=" + fingerprint,
                WARN + "msg=\"IPsec keyfile warning\" subsys=ipsec file=/etc/ipsec/keys"
                        + " warning=\"/etc/ipsec/keys:1: key file is readable by others (mode 0644)\"");
        assertThat(text(SampleEvents.applied()))
                .containsExactly(INFO + "msg=\"IPsec keys applied\" subsys=ipsec spi=4 fingerprint=" + fingerprint + " keyCount=2");
    }

    @Test
    void publishingIsLoggedWithCiliumNodeWording() {
        assertThat(text(SampleEvents.published())).containsExactly(INFO + "msg=\"Updated CiliumNode resource\" subsys=ipsec"
                + " nodeName=node-7 spi=4 sinceDetected=37.9s attempts=2");
        assertThat(text(SampleEvents.conflict())).containsExactly(WARN
                + "msg=\"Failed to update CiliumNode resource, retrying\" subsys=ipsec nodeName=node-7 spi=4 attempt=1"
                + " outcome=conflict reason=\"resourceVersion changed\" retryIn=2s");
    }

    @Test
    void relayedKeyAdoptionNamesCiliumAgent() {
        assertThat(text(SampleEvents.adopted())).containsExactly(INFO + "msg=\"IPsec key adopted by cilium-agent\" subsys=ipsec"
                + " nodeName=node-7 spi=4 sinceDetected=43.5s attempts=1");
    }

    @Test
    void publishFailuresAnOperatorMustFixAreErrors() {
        var forbidden = SampleEvents.publishFailed(new PublishOutcome.Forbidden("cannot patch ciliumnodes"), 3);

        assertThat(text(forbidden)).containsExactly(ERROR
                + "msg=\"Failed to update CiliumNode resource, retrying\" subsys=ipsec nodeName=node-7 spi=4 attempt=3"
                + " outcome=forbidden reason=\"cannot patch ciliumnodes\" retryIn=2s");
    }

    @Test
    void theRemainingEventsHaveTheirOwnLines() {
        assertThat(text(SampleEvents.detected())).containsExactly(INFO + "msg=\"IPsec keyfile change detected\" subsys=ipsec coalesced=false");
        assertThat(text(SampleEvents.unchanged())).containsExactly(INFO + "msg=\"IPsec key unchanged\" subsys=ipsec spi=4");
        assertThat(text(SampleEvents.applyFailed()))
                .containsExactly(ERROR + "msg=\"Failed to apply IPsec keys\" subsys=ipsec spi=4 reason=\"state file not writable\"");
        assertThat(text(SampleEvents.overdue())).containsExactly(ERROR + "msg=\"IPsec key adoption overdue\" subsys=ipsec spi=4"
                + " detectedAt=2026-11-24T10:00:00.123Z deadline=2026-11-24T10:05:00.123Z overdueBy=5s");
        assertThat(text(SampleEvents.remoteRemoved()))
                .containsExactly(INFO + "msg=\"Node deleted\" subsys=ipsec clusterName=default nodeName=node-12");
        assertThat(text(SampleEvents.cancelled()))
                .containsExactly(INFO + "msg=\"IPsec key rotation cancelled\" subsys=ipsec reason=\"agent stopping\"");
    }

    @Test
    void everyEventLogsTheSameFieldsInJsonAsInText() {
        for (AgentEvent event : SampleEvents.everyKind()) {
            List<Map<String, String>> fromText = text(event).stream()
                    .map(line -> LogLinesTest.parseLogfmt(TIME + line + "\n")).toList();
            List<Map<String, String>> fromJson = json(event).stream().map(EventLogTest::asStrings).toList();

            assertThat(fromJson).as(event.getClass().getSimpleName()).isNotEmpty().isEqualTo(fromText);
        }
    }

    @Test
    void numbersStayNumbersInJson() {
        assertThat(json(SampleEvents.published())).singleElement().satisfies(line -> assertThat(line)
                .containsEntry("spi", 4).containsEntry("attempts", 2).containsEntry("sinceDetected", "37.9s"));
    }

    private static Map<String, String> asStrings(Map<String, Object> fields) {
        Map<String, String> strings = new LinkedHashMap<>();
        fields.forEach((key, value) -> strings.put(key, String.valueOf(value)));
        return strings;
    }
}
