package io.ipseckeyagent.bootstrap.observability;

import io.ipseckeyagent.application.port.out.AgentEventsPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's logging: sets the format and level of the SLF4J backend ({@link AgentLogServiceProvider})
 * and logs agent events. Until {@link #configure} runs, lines are text at INFO.
 */
public final class AgentLogging {
    /** The logger that agent events are written to (the {@code source} of their lines). */
    public static final String EVENTS_LOGGER = "io.ipseckeyagent.agent";

    private AgentLogging() {}

    /** Applies {@code --log-format} and {@code --log-level}, also to loggers that already exist. */
    public static void configure(LogFormat format, LogLevel level) {
        AgentLogServiceProvider.LOGGERS.configure(format, level);
    }

    /** An events adapter that logs each event to {@link #EVENTS_LOGGER}. */
    public static AgentEventsPort eventLog() {
        return eventLog(LoggerFactory.getLogger(EVENTS_LOGGER));
    }

    /** An events adapter that logs each event to {@code logger}. */
    public static AgentEventsPort eventLog(Logger logger) {
        return new EventLog(logger);
    }
}
