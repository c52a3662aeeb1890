package io.ipseckeyagent.bootstrap.cli;

import io.ipseckeyagent.domain.key.KeyFileCheck;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How {@code check-keys} reports: compiler-style lines for people, one JSON object for tools. */
enum OutputFormat {
    TEXT {
        @Override
        String render(String file, KeyFileCheck check) {
            return TextReport.render(file, check);
        }
    },
    JSON {
        @Override
        String render(String file, KeyFileCheck check) {
            return JsonReport.render(file, check);
        }
    };

    abstract String render(String file, KeyFileCheck check);

    /** Accepts the lower-case names shown in the help, and says so when given anything else. */
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
