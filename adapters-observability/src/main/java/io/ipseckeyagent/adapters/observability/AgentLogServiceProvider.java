package io.ipseckeyagent.adapters.observability;

import java.time.Clock;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The agent's SLF4J 2 backend, found by SLF4J through {@code META-INF/services}: one line per event
 * on stderr, text or JSON. Configure it with {@link AgentLogging#configure}.
 */
public final class AgentLogServiceProvider implements SLF4JServiceProvider {
    /** One factory per JVM, as SLF4J binds once; it exists before SLF4J asks for it. */
    static final LineLoggerFactory LOGGERS =
            new LineLoggerFactory(LogFormat.TEXT, LogLevel.INFO, LineLoggerFactory::writeToStderr, Clock.systemUTC());

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return LOGGERS;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // Nothing to set up: LOGGERS is ready when the class loads.
    }
}
