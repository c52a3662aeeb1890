package io.ipseckeyagent.adapters.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.application.port.out.AgentEventsPort;
import io.vavr.collection.List;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class FanOutEventsTest {
    private final CapturedLog failures = new CapturedLog(LogFormat.TEXT, LogLevel.INFO);
    private final java.util.List<AgentEvent> first = new ArrayList<>();
    private final java.util.List<AgentEvent> last = new ArrayList<>();

    @Test
    void everyTargetGetsEveryEventInOrder() {
        AgentEventsPort fanOut = new FanOutEvents(List.of(first::add, last::add), failures.logger("fan-out"));

        fanOut.emit(SampleEvents.detected());
        fanOut.emit(SampleEvents.jitter());

        assertThat(first).containsExactly(SampleEvents.detected(), SampleEvents.jitter());
        assertThat(last).isEqualTo(first);
    }

    @Test
    void aFailingTargetIsLoggedAndTheOthersStillGetTheEvent() {
        AgentEventsPort broken = event -> {
            throw new IllegalStateException("metrics registry closed");
        };
        AgentEventsPort fanOut = new FanOutEvents(List.of(first::add, broken, last::add),
                failures.logger("io.ipseckeyagent.adapters.observability.FanOutEvents"));

        fanOut.emit(SampleEvents.published());

        assertThat(first).containsExactly(SampleEvents.published());
        assertThat(last).containsExactly(SampleEvents.published());
        assertThat(failures.lines()).singleElement().satisfies(line -> assertThat(line)
                .contains("level=warn", "msg=\"Agent event adapter failed\"", "event=KeyPublished",
                        "error=\"java.lang.IllegalStateException: metrics registry closed\""));
    }

    @Test
    void aFailingFailureLogStillDoesNotStopTheOthers() {
        AgentEventsPort broken = event -> {
            throw new IllegalStateException("broken");
        };
        org.slf4j.Logger brokenLog = (org.slf4j.Logger) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {org.slf4j.Logger.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("log is down");
                });

        new FanOutEvents(List.of(broken, last::add), brokenLog).emit(SampleEvents.applied());

        assertThat(last).containsExactly(SampleEvents.applied());
    }
}
