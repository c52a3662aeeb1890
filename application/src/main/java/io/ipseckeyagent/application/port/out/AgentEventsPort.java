package io.ipseckeyagent.application.port.out;

/**
 * Everything the core reports. Logging, metrics and health are adapters of this port, so the core
 * imports no logging framework. Called on the agent's own thread; implementations must be quick.
 */
public interface AgentEventsPort {
    void emit(AgentEvent event);
}
