package io.ipseckeyagent.domain.key;

import io.vavr.collection.List;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One line of a key file as raw bytes, its line end (LF, or CR LF) removed. {@code number} is
 * 1-based.
 */
record KeyLine(int number, byte[] bytes) {

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
                lines = lines.prepend(new KeyLine(number++, line));
                start = i + 1;
            }
        }
        return lines.reverse();
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
        return other instanceof KeyLine that && number == that.number && Arrays.equals(bytes, that.bytes);
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
