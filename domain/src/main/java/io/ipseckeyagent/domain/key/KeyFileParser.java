package io.ipseckeyagent.domain.key;

import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.control.Validation;
import java.util.Comparator;

/**
 * Parses a Cilium key file into a {@link KeySet} or every error found, each at its line. Follows
 * Cilium's grammar, stricter where Cilium is sloppy (stray spaces, blank lines, odd characters).
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
        List<KeyLine> lines = KeyLine.split(bytes);
        if (lines.forAll(KeyLine::isEmpty)) {
            return KeyFileCheck.invalid(KeyFileProblem.ofFile("no keys: the file is empty"));
        }
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

    private static List<String> sameShape(KeyEntry before, KeyEntry after) {
        KeyShape was = before.suite().shape();
        KeyShape is = after.suite().shape();
        String lines = "line " + after.line() + " has ";
        String previous = ", line " + before.line() + " had ";
        if (was instanceof KeyShape.Aead a && is instanceof KeyShape.Aead b) {
            List<String> messages = List.empty();
            if (a.keyBytes() != b.keyBytes()) {
                messages = messages.append("key length must not change: " + lines + "a " + b.keyBytes()
                        + "-byte aead-key" + previous + a.keyBytes() + " bytes");
            }
            if (a.icvBits() != b.icvBits()) {
                messages = messages.append("ICV length must not change: " + lines + b.icvBits() + " bits"
                        + previous + a.icvBits());
            }
            return messages;
        }
        if (was instanceof KeyShape.AuthEnc a && is instanceof KeyShape.AuthEnc b) {
            List<String> messages = List.empty();
            if (a.authKeyBytes() != b.authKeyBytes()) {
                messages = messages.append("key length must not change: " + lines + "a " + b.authKeyBytes()
                        + "-byte auth-key" + previous + a.authKeyBytes() + " bytes");
            }
            if (a.encKeyBytes() != b.encKeyBytes()) {
                messages = messages.append("key length must not change: " + lines + "a " + b.encKeyBytes()
                        + "-byte enc-key" + previous + a.encKeyBytes() + " bytes");
            }
            return messages;
        }
        return List.of("key format must not change: " + lines + formatName(is) + previous + formatName(was));
    }

    private static String formatName(KeyShape shape) {
        return shape instanceof KeyShape.Aead ? "an AEAD key (4 fields)" : "an auth + enc key (5 fields)";
    }

    private static List<KeyFileProblem> sorted(List<KeyFileProblem> problems) {
        // Stable: problems of one line keep the order in which they were found.
        return problems.sorted(Comparator.comparing(problem -> problem.line().getOrElse(0)));
    }
}
