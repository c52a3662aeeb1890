package io.ipseckeyagent.adapters.observability;

import org.slf4j.event.Level;

/** The least severe level the agent logs; libraries (fabric8, Vert.x, Netty) log WARN and up unless DEBUG. */
public enum LogLevel {
    DEBUG(Level.DEBUG),
    INFO(Level.INFO),
    WARN(Level.WARN),
    ERROR(Level.ERROR);

    private final Level threshold;

    LogLevel(Level threshold) {
        this.threshold = threshold;
    }

    /** The threshold for the agent's own loggers. */
    int agentThreshold() {
        return threshold.toInt();
    }

    /** The threshold for library loggers: WARN at least, so they stay quiet unless debugging. */
    int libraryThreshold() {
        return this == DEBUG ? Level.DEBUG.toInt() : Math.max(Level.WARN.toInt(), threshold.toInt());
    }
}
