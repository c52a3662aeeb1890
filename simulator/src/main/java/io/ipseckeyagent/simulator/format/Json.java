package io.ipseckeyagent.simulator.format;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Renders maps (in their own order), lists, strings, numbers, booleans and null as indented JSON,
 * through Jackson. Lists of plain values stay on one line, so per-second series read as rows.
 */
public final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule().addSerializer(Double.class, new PlainDouble()))
            .defaultPrettyPrinter(new Layout())
            .enable(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT)
            .build();

    private Json() {}

    public static String render(Object value) {
        return MAPPER.writeValueAsString(value) + "\n";
    }

    /** Whole doubles without a trailing {@code .0} ({@code 150}, {@code 0.25}). */
    private static final class PlainDouble extends ValueSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator json, SerializationContext context) {
            if (Double.isFinite(value)) {
                json.writeNumber(BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
            } else {
                json.writeNumber(value);
            }
        }
    }

    /**
     * Two-space indents and {@code "name": value}; an array is laid out one item a line only when it
     * holds objects or arrays. Stateless: every choice is read from the generator's context.
     */
    private static final class Layout implements PrettyPrinter {
        @Override
        public void writeRootValueSeparator(JsonGenerator json) {}

        @Override
        public void writeStartObject(JsonGenerator json) {
            json.writeRaw('{');
        }

        @Override
        public void beforeObjectEntries(JsonGenerator json) {
            newLine(json, depth(json));
        }

        @Override
        public void writeObjectNameValueSeparator(JsonGenerator json) {
            json.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator json) {
            json.writeRaw(',');
            newLine(json, depth(json));
        }

        @Override
        public void writeEndObject(JsonGenerator json, int entries) {
            if (entries > 0) {
                newLine(json, depth(json) - 1);
            }
            json.writeRaw('}');
        }

        @Override
        public void writeStartArray(JsonGenerator json) {
            json.writeRaw('[');
        }

        @Override
        public void beforeArrayValues(JsonGenerator json) {
            if (!flat(json)) {
                newLine(json, depth(json));
            }
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator json) {
            if (flat(json)) {
                json.writeRaw(", ");
            } else {
                json.writeRaw(',');
                newLine(json, depth(json));
            }
        }

        @Override
        public void writeEndArray(JsonGenerator json, int values) {
            if (values > 0 && !flat(json)) {
                newLine(json, depth(json) - 1);
            }
            json.writeRaw(']');
        }

        private static int depth(JsonGenerator json) {
            return json.streamWriteContext().getNestingDepth();
        }

        /** The array being written holds no objects or arrays. */
        private static boolean flat(JsonGenerator json) {
            TokenStreamContext array = json.streamWriteContext();
            return !(array.currentValue() instanceof List<?> list)
                    || list.stream().noneMatch(item -> item instanceof Map || item instanceof List);
        }

        private static void newLine(JsonGenerator json, int depth) {
            json.writeRaw("\n" + "  ".repeat(Math.max(0, depth)));
        }
    }
}
