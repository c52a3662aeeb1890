package io.ipseckeyagent.adapters.observability;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import tools.jackson.databind.json.JsonMapper;

/** A logger factory of its own, writing lines into a list at a fixed time: no global SLF4J state. */
final class CapturedLog {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<String> lines = new ArrayList<>();
    private final LineLoggerFactory factory;

    CapturedLog(LogFormat format, LogLevel level) {
        factory = new LineLoggerFactory(format, level, this::add, Clock.fixed(SampleEvents.T0, ZoneOffset.UTC));
    }

    private synchronized void add(String line) {
        lines.add(line);
    }

    Logger logger(String name) {
        return factory.getLogger(name);
    }

    LineLoggerFactory factory() {
        return factory;
    }

    /** The lines written, each checked to end in its only newline. */
    synchronized List<String> lines() {
        for (String line : lines) {
            if (line.indexOf('\n') != line.length() - 1) {
                throw new AssertionError("not exactly one line: " + line);
            }
        }
        return lines.stream().map(line -> line.substring(0, line.length() - 1)).toList();
    }

    String text() {
        return String.join("\n", lines());
    }

    /** Each JSON line parsed back, fields in their order. */
    List<Map<String, Object>> jsonObjects() {
        return lines().stream().map(CapturedLog::parse).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String line) {
        return JSON.readValue(line, LinkedHashMap.class);
    }
}
