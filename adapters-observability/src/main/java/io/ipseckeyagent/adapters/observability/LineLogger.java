package io.ipseckeyagent.adapters.observability;

import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;

/**
 * An SLF4J logger that writes one line per event. It receives the fluent API's key-value pairs as
 * fields ({@link LoggingEventAware}), so {@code atInfo().addKeyValue("SPI", 4)} prints {@code SPI=4}.
 */
final class LineLogger extends LegacyAbstractLogger implements LoggingEventAware {
    private final boolean agentLogger;
    private final String subsys;
    private final transient LineLoggerFactory factory;

    LineLogger(String name, boolean agentLogger, LineLoggerFactory factory) {
        this.name = name;
        this.agentLogger = agentLogger;
        this.subsys = Subsystems.of(name);
        this.factory = factory;
    }

    @Override
    public boolean isTraceEnabled() {
        return factory.isEnabled(Level.TRACE, agentLogger);
    }

    @Override
    public boolean isDebugEnabled() {
        return factory.isEnabled(Level.DEBUG, agentLogger);
    }

    @Override
    public boolean isInfoEnabled() {
        return factory.isEnabled(Level.INFO, agentLogger);
    }

    @Override
    public boolean isWarnEnabled() {
        return factory.isEnabled(Level.WARN, agentLogger);
    }

    @Override
    public boolean isErrorEnabled() {
        return factory.isEnabled(Level.ERROR, agentLogger);
    }

    /** The classic API: {@code log.warn("x {}", y, e)}; the level was checked by the caller. */
    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
            Throwable error) {
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        factory.write(level, subsys, message == null ? "" : message, List.of(), error);
    }

    /** The fluent API: {@code log.atInfo().setMessage("Node updated").addKeyValue(...).log()}. */
    @Override
    public void log(LoggingEvent event) {
        if (!factory.isEnabled(event.getLevel(), agentLogger)) {
            return;
        }
        var formatted = MessageFormatter.arrayFormat(event.getMessage(), event.getArgumentArray());
        Throwable error = event.getThrowable() != null ? event.getThrowable() : formatted.getThrowable();
        String message = formatted.getMessage() == null ? "" : formatted.getMessage();
        var fields = event.getKeyValuePairs() == null ? List.<KeyValuePair>of() : event.getKeyValuePairs();
        factory.write(event.getLevel(), subsys, message, fields, error);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }
}
