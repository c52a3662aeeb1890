package io.ipseckeyagent.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.ipseckeyagent.application.port.out.KeyFileContent;
import io.ipseckeyagent.application.port.out.KeyFileReadFailure;
import io.ipseckeyagent.application.port.out.KeyFileSourcePort;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * What every {@link KeyFileSourcePort} promises. An adapter's test extends this class and says how
 * to make a source whose key file holds given bytes, is missing, or is too large.
 */
public abstract class KeyFileSourcePortContract {

    /** A key line with a made-up key; tests compare it by size and equality, never print it. */
    protected static final byte[] KEY_LINE =
            "3+ rfc4106(gcm(aes)) 44434241343332312423222114131211f4f3f2f1 128\n".getBytes(StandardCharsets.US_ASCII);

    private static final String KEY_HEX = "44434241343332312423222114131211f4f3f2f1";

    /** A source whose key file holds exactly {@code content}. */
    protected abstract KeyFileSourcePort sourceHolding(byte[] content);

    /** Replaces the content behind a source made by {@link #sourceHolding}. */
    protected abstract void replaceContent(KeyFileSourcePort source, byte[] content);

    /** A source whose key file does not exist. */
    protected abstract KeyFileSourcePort sourceOfMissingFile();

    /** A source whose key file is {@code size} bytes long, any content; make it cheap (e.g. sparse). */
    protected abstract KeyFileSourcePort sourceOfSize(long size);

    @Test
    void readsExactlyTheBytesOfTheFile() {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        for (byte[] content : new byte[][] {KEY_LINE, everyByte, new byte[0]}) {
            assertReads(sourceHolding(content), content);
        }
    }

    @Test
    void readsAFileOfExactlyTheLimit() {
        byte[] content = filled(KeyFileSourcePort.MAX_BYTES);
        assertReads(sourceHolding(content), content);
    }

    @Test
    void rejectsAFileOneByteOverTheLimit() {
        KeyFileSourcePort source = sourceOfSize(KeyFileSourcePort.MAX_BYTES + 1L);

        assertThat(failureOf(source.read())).isInstanceOfSatisfying(KeyFileReadFailure.TooLarge.class, tooLarge -> {
            assertThat(tooLarge.size()).isGreaterThan(KeyFileSourcePort.MAX_BYTES);
            assertThat(tooLarge.limit()).isEqualTo(KeyFileSourcePort.MAX_BYTES);
            assertThat(tooLarge.location()).isEqualTo(source.location());
        });
    }

    @Test
    void rejectsAHugeFileWithoutReadingItAll() {
        KeyFileSourcePort source = sourceOfSize(8L << 30);

        Either<KeyFileReadFailure, KeyFileContent> read =
                assertTimeoutPreemptively(Duration.ofSeconds(2), source::read, "reading 8 GiB is not bounded");

        assertThat(failureOf(read)).isInstanceOf(KeyFileReadFailure.TooLarge.class);
    }

    @Test
    void saysWhenTheFileIsMissing() {
        KeyFileSourcePort source = sourceOfMissingFile();

        KeyFileReadFailure failure = failureOf(source.read());

        assertThat(failure).isEqualTo(new KeyFileReadFailure.Missing(source.location()));
        assertThat(failure.message()).contains(source.location());
    }

    @Test
    void readsTheFileAgainOnEveryCall() {
        KeyFileSourcePort source = sourceHolding(KEY_LINE);
        assertReads(source, KEY_LINE);

        byte[] next = "4+ rfc4106(gcm(aes)) 00112233445566778899aabbccddeeff00112233 128\n"
                .getBytes(StandardCharsets.US_ASCII);
        replaceContent(source, next);

        assertReads(source, next);
    }

    @Test
    void namesItsLocationAndNeverShowsTheContent() {
        KeyFileSourcePort source = sourceHolding(KEY_LINE);

        assertThat(source.location()).isNotBlank();
        assertThat(source.toString().contains(KEY_HEX)).as("the source's toString shows no key").isFalse();
        assertThat(source.read().map(Object::toString).getOrElse("").contains(KEY_HEX))
                .as("the content's toString shows no key").isFalse();
    }

    private static void assertReads(KeyFileSourcePort source, byte[] expected) {
        Either<KeyFileReadFailure, KeyFileContent> read = source.read();
        assertThat(read.isRight()).as("read of %s: %s", source.location(), read.swap().map(KeyFileReadFailure::message))
                .isTrue();
        byte[] actual = read.map(KeyFileContent::bytes).getOrElse(new byte[0]);
        // Compare without printing: a failure message must not show key material.
        assertThat(Arrays.equals(actual, expected))
                .as("%s read %d bytes, the file holds %d bytes; equal content", source.location(), actual.length,
                        expected.length)
                .isTrue();
    }

    private static KeyFileReadFailure failureOf(Either<KeyFileReadFailure, KeyFileContent> read) {
        assertThat(read.isLeft()).as("read fails, but it returned %s", read).isTrue();
        return read.swap().getOrElseThrow(() -> new AssertionError("unreachable"));
    }

    private static byte[] filled(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'k');
        return bytes;
    }
}
