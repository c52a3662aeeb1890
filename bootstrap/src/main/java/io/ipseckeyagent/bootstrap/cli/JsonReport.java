package io.ipseckeyagent.bootstrap.cli;

import io.ipseckeyagent.domain.key.KeyFileCheck;
import io.ipseckeyagent.domain.key.KeyFileProblem;
import io.ipseckeyagent.domain.key.KeySummary;
import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * One JSON object: {@code file, valid, activeSpi, keys, errors, warnings}. Keys are listed by
 * their {@link KeySummary}, which holds no key material. Written by hand: the shape is small.
 */
final class JsonReport {
    private JsonReport() {}

    static String render(String file, KeyFileCheck check) {
        List<KeySummary> keys = check.keySet().map(set -> set.summaries()).getOrElse(List.empty());
        return "{" + field("file", Json.string(file))
                + "," + field("valid", String.valueOf(check.isValid()))
                + "," + field("activeSpi", Json.number(check.keySet().map(set -> set.activeSpi().value())))
                + "," + field("keys", Json.array(keys.map(JsonReport::key)))
                + "," + field("errors", Json.array(check.errors().map(JsonReport::problem)))
                + "," + field("warnings", Json.array(check.warnings().map(JsonReport::problem)))
                + "}\n";
    }

    private static String key(KeySummary key) {
        List<String> fields = List.of(
                field("line", String.valueOf(key.line())),
                field("spi", String.valueOf(key.spi().value())),
                field("perNodeKeys", String.valueOf(key.perNodeKeys())),
                field("type", Json.string(key.typeName())),
                field("algorithms", Json.array(key.algorithms().map(Json::string))),
                field("keyBytes", String.valueOf(key.keyBytes())));
        // authKeyBytes only for auth + enc keys; icvBits always, null for auth + enc keys
        fields = fields.appendAll(key.authKeyBytes().map(bytes -> field("authKeyBytes", String.valueOf(bytes))));
        fields = fields.append(field("icvBits", Json.number(key.icvBits())))
                .append(field("fingerprint", Json.string(key.fingerprint())));
        return fields.mkString("{", ",", "}");
    }

    private static String problem(KeyFileProblem problem) {
        return "{" + field("line", Json.number(problem.line())) + "," + field("message", Json.string(problem.message()))
                + "," + field("affects", problem.affects().map(versions -> Json.string(versions.description())).getOrElse("null"))
                + "}";
    }

    private static String field(String name, String json) {
        return Json.string(name) + ":" + json;
    }

    /** The few JSON values the report needs. */
    static final class Json {
        private Json() {}

        static String number(Option<Integer> value) {
            return value.map(String::valueOf).getOrElse("null");
        }

        static String array(List<String> jsonValues) {
            return jsonValues.mkString("[", ",", "]");
        }

        /** A JSON string; everything outside printable ASCII is escaped, so any console shows it. */
        static String string(String value) {
            StringBuilder json = new StringBuilder("\"");
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '"' -> json.append("\\\"");
                    case '\\' -> json.append("\\\\");
                    case '\n' -> json.append("\\n");
                    case '\r' -> json.append("\\r");
                    case '\t' -> json.append("\\t");
                    default -> {
                        if (c < 0x20 || c > 0x7e) {
                            json.append(String.format("\\u%04x", (int) c));
                        } else {
                            json.append(c);
                        }
                    }
                }
            }
            return json.append('"').toString();
        }
    }
}
