package io.ipseckeyagent.domain.key;

import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.control.Validation;
import java.util.Comparator;

/**
 * Parses a Cilium key file into a {@link KeySet} or every error found, each at its line. Follows
 * Cilium main's grammar ({@code loadIPSecKeys} in {@code pkg/datapath/linux/ipsec/ipsec_linux.go}),
 * stricter only where Cilium leaves the failure to the kernel or misreads the line (odd characters,
 * empty AEAD keys, negative SPIs); what older Cilium releases reject is a warning.
 * Never throws, whatever the bytes; messages never quote key material.
 */
public final class KeyFileParser {
    /** The largest key file accepted; larger ones are rejected before any scanning. */
    public static final int MAX_BYTES = 64 * 1024;

    private KeyFileParser() {}

    public static KeyFileCheck parse(byte[] content) {
        return parse(content, false);
    }

    /** With {@code strict}, warnings (unknown algorithms, odd key lengths) count as errors. */
    public static KeyFileCheck parse(byte[] content, boolean strict) {
        byte[] bytes = content == null ? new byte[0] : content;
        if (bytes.length > MAX_BYTES) {
            return KeyFileCheck.invalid(KeyFileProblem.ofFile(
                    "file is " + bytes.length + " bytes, more than the " + MAX_BYTES + " bytes allowed"));
        }
        if (bytes.length == 0) {
            // Cilium scans no line and loads nothing; a lone LF is an empty line 1, as Cilium reports it.
            return KeyFileCheck.invalid(KeyFileProblem.ofFile("no keys: the file is empty"));
        }
        List<KeyLine> lines = KeyLine.split(bytes);
        List<ParsedLine> parsed = lines.map(KeyLineParser::parse);
        List<KeyFileProblem> errors = sorted(parsed.flatMap(ParsedLine::errors)
                .appendAll(parsed.zip(parsed.drop(1)).flatMap(KeyFileParser::changeErrors)));
        List<KeyFileProblem> warnings = parsed.flatMap(ParsedLine::warnings);
        if (strict) {
            errors = sorted(errors.appendAll(warnings));
            warnings = List.empty();
        }
        Validation<List<KeyFileProblem>, KeySet> keys = errors.isEmpty()
                ? Validation.valid(new KeySet(parsed.flatMap(line -> line.entry().toList())))
                : Validation.invalid(errors);
        return new KeyFileCheck(keys, warnings);
    }

    /**
     * Rule 8: what must hold between one line and the next; errors belong to the later line. A
     * broken line has its own errors and is compared with nothing.
     */
    private static List<KeyFileProblem> changeErrors(Tuple2<ParsedLine, ParsedLine> neighbours) {
        return neighbours._1.entry()
                .flatMap(before -> neighbours._2.entry().map(after -> changeErrors(before, after)))
                .getOrElse(List.empty());
    }

    private static List<KeyFileProblem> changeErrors(KeyEntry before, KeyEntry after) {
        return sameSpi(before, after).appendAll(sameShape(before, after))
                .map(message -> KeyFileProblem.atLine(after.line(), message));
    }

    private static List<String> sameSpi(KeyEntry before, KeyEntry after) {
        return before.spi().equals(after.spi())
                ? List.of("changing IPsec keys requires a new SPI: line " + after.line() + " has the same SPI "
                        + after.spi() + " as line " + before.line())
                : List.empty();
    }

    /** Cilium compares only its KeyLen: AEAD key sizes and enc-key sizes may change. */
    private static List<String> sameShape(KeyEntry before, KeyEntry after) {
        KeyShape was = before.suite().shape();
        KeyShape is = after.suite().shape();
        return was.keyLen() == is.keyLen()
                ? List.empty()
                : List.of("key length must not change: line " + after.line() + " has " + is.describe() + ", line "
                        + before.line() + " had " + was.describe());
    }

    private static List<KeyFileProblem> sorted(List<KeyFileProblem> problems) {
        // Stable: problems of one line keep the order in which they were found.
        return problems.sorted(Comparator.comparing(problem -> problem.line().getOrElse(0)));
    }
}
