package io.ipseckeyagent.domain.key;

import io.vavr.collection.List;
import io.vavr.control.Option;

/** What one line yielded: its entry or its errors, plus warnings. */
record ParsedLine(int number, Option<KeyEntry> entry, List<KeyFileProblem> errors, List<KeyFileProblem> warnings) {

    static ParsedLine valid(KeyEntry entry, List<KeyFileProblem> warnings) {
        return new ParsedLine(entry.line(), Option.some(entry), List.empty(), warnings);
    }

    static ParsedLine invalid(int number, List<String> errors) {
        return new ParsedLine(number, Option.none(),
                errors.map(message -> KeyFileProblem.atLine(number, message)), List.empty());
    }
}
