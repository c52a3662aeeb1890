package io.ipseckeyagent.adapters.observability;

import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.application.port.out.AgentEventsPort;
import io.vavr.collection.List;
import org.slf4j.Logger;

/** Hands each event to several adapters in order; one adapter failing never keeps it from the others. */
final class FanOutEvents implements AgentEventsPort {
    private final List<AgentEventsPort> targets;
    private final Logger log;

    FanOutEvents(List<AgentEventsPort> targets, Logger log) {
        this.targets = targets;
        this.log = log;
    }

    @Override
    public void emit(AgentEvent event) {
        for (AgentEventsPort target : targets) {
            try {
                target.emit(event);
            } catch (RuntimeException e) {
                reportFailure(target, event, e);
            }
        }
    }

    private void reportFailure(AgentEventsPort target, AgentEvent event, RuntimeException failure) {
        try {
            log.atWarn().setMessage("Agent event adapter failed")
                    .addKeyValue("adapter", target.getClass().getName())
                    .addKeyValue("event", event.getClass().getSimpleName())
                    .setCause(failure)
                    .log();
        } catch (RuntimeException ignored) {
            // The failing adapter may be the log itself; the other adapters still get the event.
        }
    }
}
