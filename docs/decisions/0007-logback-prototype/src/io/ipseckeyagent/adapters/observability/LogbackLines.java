package io.ipseckeyagent.adapters.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

/** Prototype only (ADR 0007): a Logback encoder that writes our lines (LogLines), text or JSON. */
public final class LogbackLines extends EncoderBase<ILoggingEvent> {
    /** The prototype reads --log-format=json from the JVM's command line; a real switch would reconfigure the context. */
    private final LogFormat format = System.getProperty("sun.java.command", "").contains("--log-format=json")
            ? LogFormat.JSON : LogFormat.TEXT;

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        List<KeyValuePair> fields = event.getKeyValuePairs() == null ? List.of() : event.getKeyValuePairs();
        return LogLines.render(format, event.getInstant(), Level.valueOf(event.getLevel().toString()),
                event.getLoggerName(), event.getFormattedMessage(), fields).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }
}
