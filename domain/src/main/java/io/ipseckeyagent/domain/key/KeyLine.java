package io.ipseckeyagent.domain.key;

import io.vavr.collection.List;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One line of a key file as raw bytes, its line end (LF, or CR LF) removed. {@code number} is
 * 1-based. {@code scannedLength} counts the bytes Cilium's {@code bufio.Scanner} must hold for the
 * line: the line and a CR before its LF.
 */
record KeyLine(int number, byte[] bytes, int scannedLength) {

    /** Cilium reads lines with a {@code bufio.Scanner}: 64 KiB for a line with its CR and LF. */
    static final int MAX_SCANNED_LENGTH = 64 * 1024 - 1;

    KeyLine(int number, byte[] bytes) {
        this(number, bytes, bytes.length);
    }

    /**
     * Splits on LF; a final LF ends the last line rather than starting an empty one. Always at
     * least one line: empty content is one empty line.
     */
    static List<KeyLine> split(byte[] content) {
        List<KeyLine> lines = List.empty();
        int start = 0;
        int number = 1;
        for (int i = 0; i <= content.length; i++) {
            boolean end = i == content.length;
            if (end || content[i] == '\n') {
                if (end && start == content.length && number > 1) {
                    break;
                }
                int stop = i > start && content[i - 1] == '\r' ? i - 1 : i;
                byte[] line = new byte[stop - start];
                System.arraycopy(content, start, line, 0, line.length);
                lines = lines.prepend(new KeyLine(number++, line, i - start));
                start = i + 1;
            }
        }
        return lines.reverse();
    }

    /** Longer than Cilium's scanner takes: Cilium stops reading the file at this line. */
    boolean isOverLong() {
        return scannedLength > MAX_SCANNED_LENGTH;
    }

    boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The line as text; only meaningful once every byte is known to be printable ASCII. */
    String text() {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyLine that && number == that.number && Arrays.equals(bytes, that.bytes)
                && scannedLength == that.scannedLength;
    }

    @Override
    public int hashCode() {
        return 31 * number + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "KeyLine[" + number + ", " + bytes.length + " bytes]";
    }
}
