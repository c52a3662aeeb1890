package io.ipseckeyagent.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.application.port.out.AgentEventsPort;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelayEventsTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private final List<AgentEvent> seen = new ArrayList<>();
    private final AgentEventsPort relay = AgentComposition.relayEvents(seen::add);

    @Test
    void aPublishedKeyIsReportedAsAdoptedByCilium() {
        relay.emit(new AgentEvent.KeyPublished(T0, NodeName.of("node-a"), Spi.of(4), Duration.ofSeconds(41), 2));

        assertThat(seen).containsExactly(
                new AgentEvent.KeyAdoptionConfirmed(T0, NodeName.of("node-a"), Spi.of(4), Duration.ofSeconds(41), 2));
    }

    @Test
    void everythingElsePassesUnchanged() {
        AgentEvent overdue = new AgentEvent.AdoptionOverdue(T0, Spi.of(4), T0.minusSeconds(300), T0);

        relay.emit(overdue);

        assertThat(seen).containsExactly(overdue);
    }
}
