package io.ipseckeyagent.adapters.inmemory;

import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.application.port.out.AgentEventsPort;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.ArrayList;

/** Keeps every event the core reports, in order, for tests to look at. */
public final class RecordingEvents implements AgentEventsPort {
    private final java.util.List<AgentEvent> events = new ArrayList<>();

    @Override
    public synchronized void emit(AgentEvent event) {
        events.add(event);
    }

    public synchronized List<AgentEvent> all() {
        return List.ofAll(events);
    }

    /** The events of one kind, in order. */
    public synchronized <T extends AgentEvent> List<T> ofType(Class<T> type) {
        return List.ofAll(events).filter(type::isInstance).map(type::cast);
    }

    public <T extends AgentEvent> int count(Class<T> type) {
        return ofType(type).size();
    }

    public <T extends AgentEvent> Option<T> last(Class<T> type) {
        return ofType(type).lastOption();
    }

    public synchronized void clear() {
        events.clear();
    }
}
