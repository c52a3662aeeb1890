package io.ipseckeyagent.adapters.observability;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

/**
 * Hands out {@link LineLogger}s that share one format, one level and one sink. The settings can
 * change after loggers exist (libraries create theirs in static fields, before the flags are read).
 */
final class LineLoggerFactory implements ILoggerFactory {
    /** Loggers under this prefix are the agent's; all others are libraries'. */
    static final String AGENT_LOGGER_PREFIX = "io.ipseckeyagent";

    private record Settings(LogFormat format, LogLevel level) {}

    private final ConcurrentMap<String, LineLogger> loggers = new ConcurrentHashMap<>();
    private final Consumer<String> sink;
    private final Clock clock;
    private volatile Settings settings;

    LineLoggerFactory(LogFormat format, LogLevel level, Consumer<String> sink, Clock clock) {
        this.settings = new Settings(format, level);
        this.sink = sink;
        this.clock = clock;
    }

    /** Writes each line to the current {@code System.err} in one call, so lines never interleave. */
    static void writeToStderr(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        PrintStream err = System.err;
        err.write(bytes, 0, bytes.length);
        err.flush();
    }

    void configure(LogFormat format, LogLevel level) {
        settings = new Settings(format, level);
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new LineLogger(n, n.startsWith(AGENT_LOGGER_PREFIX), this));
    }

    boolean isEnabled(Level level, boolean agentLogger) {
        LogLevel configured = settings.level();
        int threshold = agentLogger ? configured.agentThreshold() : configured.libraryThreshold();
        return level.toInt() >= threshold;
    }

    void write(Level level, String subsys, String message, List<KeyValuePair> fields, Throwable error) {
        Settings now = settings;
        try {
            List<KeyValuePair> all = error == null ? fields : withError(fields, error, now.level() == LogLevel.DEBUG);
            sink.accept(LogLines.render(now.format(), clock.instant(), level, subsys, message, all));
        } catch (RuntimeException e) {
            // A logger must never throw into the code that logs (a value's toString may fail).
            System.err.println("ipsec-key-agent: a log line from " + subsys + " was dropped: " + e);
        }
    }

    /** The error and its causes on one line; the stack trace only when debugging. */
    private static List<KeyValuePair> withError(List<KeyValuePair> fields, Throwable error, boolean stackTrace) {
        List<KeyValuePair> all = new ArrayList<>(fields.size() + 2);
        all.addAll(fields);
        all.add(new KeyValuePair("error", describe(error)));
        if (stackTrace) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            all.add(new KeyValuePair("stacktrace", trace.toString().stripTrailing()));
        }
        return all;
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(error.toString());
        Throwable cause = error.getCause();
        for (int depth = 0; cause != null && cause != error && depth < 5; depth++, cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }
}
