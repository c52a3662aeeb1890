package io.ipseckeyagent.domain.key;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Validation;

/**
 * The verdict on one key file: its keys or every error found, plus warnings. Errors and warnings
 * are sorted by line, problems of the whole file first.
 */
public record KeyFileCheck(Validation<List<KeyFileProblem>, KeySet> keys, List<KeyFileProblem> warnings) {

    /** A file rejected as a whole, e.g. one that cannot be read. */
    public static KeyFileCheck invalid(KeyFileProblem problem) {
        return new KeyFileCheck(Validation.invalid(List.of(problem)), List.empty());
    }

    public boolean isValid() {
        return keys.isValid();
    }

    /** Every error, empty when the file is valid. */
    public List<KeyFileProblem> errors() {
        return keys.fold(errors -> errors, valid -> List.empty());
    }

    /** The key set, when the file is valid. */
    public Option<KeySet> keySet() {
        return keys.toOption();
    }
}
