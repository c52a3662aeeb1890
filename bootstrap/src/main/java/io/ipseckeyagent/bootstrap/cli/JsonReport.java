package io.ipseckeyagent.bootstrap.cli;

import io.ipseckeyagent.domain.key.KeyFileCheck;
import io.ipseckeyagent.domain.key.KeyFileProblem;
import io.ipseckeyagent.domain.key.KeySummary;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.io.StringWriter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;

/**
 * One JSON object: {@code file, valid, activeSpi, keys, errors, warnings}. Keys are listed by
 * their {@link KeySummary}, which holds no key material. Jackson's streaming generator (no
 * databind: check-keys starts in the time a CI step can afford); non-ASCII is escaped, so any
 * console shows it.
 */
final class JsonReport {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .build();

    private JsonReport() {}

    static String render(String file, KeyFileCheck check) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringProperty("file", file);
            json.writeBooleanProperty("valid", check.isValid());
            number(json, "activeSpi", check.keySet().map(set -> set.activeSpi().value()));
            json.writeArrayPropertyStart("keys");
            check.keySet().map(set -> set.summaries()).getOrElse(List.empty()).forEach(key -> key(json, key));
            json.writeEndArray();
            problems(json, "errors", check.errors());
            problems(json, "warnings", check.warnings());
            json.writeEndObject();
        }
        return out.append('\n').toString();
    }

    private static void key(JsonGenerator json, KeySummary key) {
        json.writeStartObject();
        json.writeNumberProperty("line", key.line());
        json.writeNumberProperty("spi", key.spi().value());
        json.writeBooleanProperty("perNodeKeys", key.perNodeKeys());
        json.writeStringProperty("type", key.typeName());
        json.writeArrayPropertyStart("algorithms");
        key.algorithms().forEach(json::writeString);
        json.writeEndArray();
        json.writeNumberProperty("keyBytes", key.keyBytes());
        // authKeyBytes only for auth + enc keys; icvBits always, null for auth + enc keys
        key.authKeyBytes().forEach(bytes -> json.writeNumberProperty("authKeyBytes", bytes.intValue()));
        number(json, "icvBits", key.icvBits());
        json.writeStringProperty("fingerprint", key.fingerprint());
        json.writeEndObject();
    }

    private static void problems(JsonGenerator json, String name, List<KeyFileProblem> problems) {
        json.writeArrayPropertyStart(name);
        for (KeyFileProblem problem : problems) {
            json.writeStartObject();
            number(json, "line", problem.line());
            json.writeStringProperty("message", problem.message());
            json.writeName("affects");
            problem.affects().fold(json::writeNull, versions -> json.writeString(versions.description()));
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void number(JsonGenerator json, String name, Option<Integer> value) {
        json.writeName(name);
        value.fold(json::writeNull, number -> json.writeNumber(number.intValue()));
    }
}
