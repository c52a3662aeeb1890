package io.ipseckeyagent.simulator.format;

import io.ipseckeyagent.domain.time.GoDuration;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Picocli's door to the domain's duration codec, so {@code simulate} reads durations as {@code run} does. */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return GoDuration.parse(value).getOrElseThrow(TypeConversionException::new);
    }
}
