package io.ipseckeyagent.simulator;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Text for people, one JSON object for tools. */
public enum OutputFormat {
    TEXT,
    JSON;

    /** Accepts the lower-case names shown in the help. */
    static final class Converter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            return switch (value) {
                case "text" -> TEXT;
                case "json" -> JSON;
                default -> throw new TypeConversionException("expected text or json, was '" + value + "'");
            };
        }
    }
}
