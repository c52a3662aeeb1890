package io.ipseckeyagent.domain.key;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.util.Arrays;
import java.util.regex.Pattern;

/** Parses one key line (rules 1 to 7 of the key file); consistency between lines is the file's job. */
final class KeyLineParser {
    private static final String EMPTY_KEY = "\"\"";
    /** Compiled once: {@code String.split} would compile it for every line. */
    private static final Pattern FIELD_SEPARATORS = Pattern.compile("[ \\t\\r\\x0B\\f]+");

    private KeyLineParser() {}

    static ParsedLine parse(KeyLine line) {
        return checkCharacters(line)
                .map(error -> ParsedLine.invalid(line.number(), List.of(error)))
                .getOrElse(() -> parseFields(line.number(), line.text(), separatorWarning(line.text())));
    }

    /**
     * Rules 1 to 3 at the byte level: one message for the first thing wrong with the line. White
     * space is what Go's {@code strings.Fields} splits on in ASCII: space, tab, CR, VT, FF.
     */
    private static Option<String> checkCharacters(KeyLine line) {
        byte[] bytes = line.bytes();
        if (line.isOverLong()) {
            // bufio.Scanner stops with ErrTooLong at this line: Cilium reads no further.
            return Option.some("line is " + line.scannedLength() + " bytes, more than the " + KeyLine.MAX_SCANNED_LENGTH
                    + " bytes Cilium reads in one line");
        }
        if (bytes.length == 0) {
            return Option.some("empty line: every line must hold a key");
        }
        boolean blank = true;
        for (byte b : bytes) {
            blank &= isWhitespace(b & 0xff);
        }
        if (blank) {
            return Option.some("blank line: every line must hold a key");
        }
        for (int i = 0; i < bytes.length; i++) {
            int column = i + 1;
            int b = bytes[i] & 0xff;
            if (b == 0) {
                return Option.some("NUL byte at column " + column + ": a key file is plain ASCII text");
            }
            if ((b < 0x20 || b > 0x7e) && !isWhitespace(b)) {
                return Option.some("character outside printable ASCII at column " + column);
            }
        }
        return Option.none();
    }

    /**
     * Rule 3: Cilium main splits with {@code strings.Fields(strings.TrimSpace(line))}; releases
     * before March 2026 split on single spaces. One warning for the first thing they would trip on.
     */
    private static Option<String> separatorWarning(String text) {
        String why = null;
        if (isWhitespace(text.charAt(0))) {
            why = "white space at the start of the line";
        } else if (isWhitespace(text.charAt(text.length() - 1))) {
            why = "white space at the end of the line";
        } else {
            for (int i = 0; i < text.length() && why == null; i++) {
                char c = text.charAt(i);
                if (c != ' ' && isWhitespace(c)) {
                    why = whitespaceName(c) + " at column " + (i + 1);
                } else if (c == ' ' && text.charAt(i + 1) == ' ') {
                    why = "several spaces at column " + (i + 1);
                }
            }
        }
        return Option.of(why).map(reason -> "fields are not separated by single spaces (" + reason + ")");
    }

    private static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == 0x0b || c == '\f';
    }

    private static String whitespaceName(char c) {
        return switch (c) {
            case '\t' -> "tab";
            case '\r' -> "carriage return";
            case 0x0b -> "vertical tab";
            default -> "form feed";
        };
    }

    /** Rules 4 to 7: the fields of a line known to be ASCII, split as Cilium main splits them. */
    private static ParsedLine parseFields(int number, String text, Option<String> separatorWarning) {
        String[] fields = FIELD_SEPARATORS.split(text.strip());
        List<KeyFileProblem> warnings = separatorWarning.toList()
                .map(message -> KeyFileProblem.atLine(number, message).affecting(CiliumVersions.BEFORE_MARCH_2026));
        Validation<List<String>, KeyEntry> entry;
        if (fields.length == 4) {
            entry = Validation.combine(
                            spi(fields[0]),
                            aeadAlgorithm(fields[1]),
                            hexKey("aead-key", fields[2], false),
                            icvBits(fields[3]))
                    .ap((spi, algorithm, key, icv) -> new KeyEntry(number, spi.spi(), spi.perNodeKeys(),
                            new CipherSuite.Aead(algorithm, key, icv)))
                    .mapError(List::ofAll);
        } else if (fields.length == 5) {
            entry = Validation.combine(
                            spi(fields[0]),
                            algorithmName("auth-algorithm", fields[1]),
                            hexKey("auth-key", fields[2], true),
                            algorithmName("enc-algorithm", fields[3]),
                            hexKey("enc-key", fields[4], true))
                    .ap((spi, authAlgorithm, authKey, encAlgorithm, encKey) -> new KeyEntry(number, spi.spi(),
                            spi.perNodeKeys(), new CipherSuite.AuthEnc(authAlgorithm, authKey, encAlgorithm, encKey)))
                    .mapError(List::ofAll);
        } else {
            entry = Validation.invalid(List.of("a key line has 4 fields (SPI aead-algorithm aead-key icv-bits) or 5"
                    + " (SPI auth-algorithm auth-key enc-algorithm enc-key), this one has " + fields.length));
        }
        return entry.fold(
                errors -> ParsedLine.invalid(number, errors),
                valid -> ParsedLine.valid(valid, warnings.appendAll(KnownAlgorithms.doubtsAbout(valid.suite())
                        .map(message -> KeyFileProblem.atLine(number, message).affecting(CiliumVersions.EVERY)))));
    }

    private record SpiField(Spi spi, boolean perNodeKeys) {}

    /** Rule 4: 1..15, leading zeros allowed as Cilium's Atoi allows them, then an optional '+'. */
    private static Validation<String, SpiField> spi(String field) {
        boolean perNodeKeys = field.endsWith("+");
        String digits = perNodeKeys ? field.substring(0, field.length() - 1) : field;
        return smallNumber(digits)
                .filter(value -> value >= Spi.MIN && value <= Spi.MAX)
                .map(value -> Validation.<String, SpiField>valid(new SpiField(Spi.of(value), perNodeKeys)))
                .getOrElse(() -> Validation.invalid("SPI must be a decimal number from " + Spi.MIN + " to " + Spi.MAX
                        + ", was " + describeNumber(smallNumber(digits).isDefined() ? digits : field)));
    }

    /** Rule 5: Cilium only accepts AEAD algorithms named after their RFC. */
    private static Validation<String, String> aeadAlgorithm(String field) {
        return field.startsWith("rfc")
                ? Validation.valid(field)
                : Validation.invalid("aead-algorithm must start with 'rfc', e.g. rfc4106(gcm(aes))");
    }

    /**
     * Rule 6 leaves auth and enc algorithm names free, as Cilium does, but a name made of hex digits
     * is a key in the wrong field: refused, so that it never travels on as an algorithm name.
     */
    private static Validation<String, String> algorithmName(String name, String field) {
        return KnownAlgorithms.looksLikeHex(field)
                ? Validation.invalid(name + " looks like a hex key: are the fields in the right order?")
                : Validation.valid(field);
    }

    private static Validation<String, Integer> icvBits(String field) {
        return smallNumber(field)
                .filter(bits -> bits == 96 || bits == 128 || bits == 256)
                .map(Validation::<String, Integer>valid)
                .getOrElse(() -> Validation.invalid("icv-bits must be 96, 128 or 256, was " + describeNumber(field)));
    }

    /**
     * Rules 5 and 6: hex with an optional {@code 0x}, an even number of digits; {@code ""} is the
     * empty key where allowed. Messages name the field, never its content.
     */
    private static Validation<String, KeyBytes> hexKey(String name, String field, boolean emptyAllowed) {
        if (field.equals(EMPTY_KEY)) {
            return emptyAllowed
                    ? Validation.valid(KeyBytes.empty())
                    : Validation.invalid(name + " must not be empty");
        }
        String hex = field.startsWith("0x") ? field.substring(2) : field;
        if (hex.isEmpty()) {
            return Validation.invalid(name + " has no hex digits" + (emptyAllowed ? "; write \"\" for an empty key" : ""));
        }
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                return Validation.invalid("invalid hex in " + name);
            }
        }
        if (hex.length() % 2 != 0) {
            return Validation.invalid(name + " has an odd number of hex digits");
        }
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (Character.digit(hex.charAt(2 * i), 16) << 4 | Character.digit(hex.charAt(2 * i + 1), 16));
        }
        KeyBytes key = KeyBytes.of(bytes);
        Arrays.fill(bytes, (byte) 0);
        return Validation.valid(key);
    }

    /** A decimal number of at most three significant digits (so no overflow), leading zeros allowed. */
    private static Option<Integer> smallNumber(String text) {
        if (text.isEmpty() || !allDigits(text)) {
            return Option.none();
        }
        String significant = text.substring(leadingZeros(text));
        return significant.length() > 3
                ? Option.none()
                : Option.some(significant.isEmpty() ? 0 : Integer.parseInt(significant));
    }

    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int leadingZeros(String text) {
        int zeros = 0;
        while (zeros < text.length() && text.charAt(zeros) == '0') {
            zeros++;
        }
        return zeros;
    }

    /** How a bad number is shown: short values as they are, long ones only by their length. */
    private static String describeNumber(String text) {
        Option<Integer> number = smallNumber(text);
        if (number.isDefined()) {
            return number.map(String::valueOf).getOrElse("");
        }
        if (text.length() <= 4) {
            return "'" + text + "'";
        }
        return text.chars().allMatch(c -> c >= '0' && c <= '9')
                ? "a " + text.length() + "-digit number"
                : "a " + text.length() + "-character value";
    }
}
