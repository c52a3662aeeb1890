package io.ipseckeyagent.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code -o text|json}: text for people, one JSON object for tools. */
public enum OutputFormat {
    TEXT,
    JSON;

    /** Accepts the lower-case names shown in the help, and says so when given anything else. */
    public static final class Converter implements ITypeConverter<OutputFormat> {
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
