package io.ipseckeyagent.domain.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.List;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of the key file, one row per case: input, expected errors, expected warnings. */
class KeyFileParserTest {
    // Test vectors from Cilium's own tests and docs; obviously not secret.
    static final String GCM_KEY = "44434241343332312423222114131211f4f3f2f1";
    static final String KEY16 = "0123456789abcdef0123456789abcdef";
    static final String AEAD = "rfc4106(gcm(aes)) " + GCM_KEY + " 128";
    static final String AUTH_ENC = "hmac(sha256) " + KEY16 + " cbc(aes) " + KEY16;

    static final String SPI_RANGE = "SPI must be a decimal number from 1 to 15, was ";

    static Stream<Arguments> rules() {
        return Stream.of(
                // 1. size and characters
                row("NUL byte", "3 " + AEAD + "\0\n",
                        List.of("1: NUL byte at column 65: a key file is plain ASCII text")),
                row("non-ASCII letter", "3 rfc4106(gcm(a\u00e9s)) " + GCM_KEY + " 128\n",
                        List.of("1: character outside printable ASCII at column 16")),
                row("DEL", "3 " + AEAD + "\u007f",
                        List.of("1: character outside printable ASCII at column 65")),
                row("escape", "\u001b3 " + AEAD,
                        List.of("1: character outside printable ASCII at column 1")),
                // 2. lines
                row("empty file", "", List.of("-: no keys: the file is empty")),
                row("only line ends: each is an empty line, as Cilium reports it", "\n\r\n\n",
                        List.of("1: empty line: every line must hold a key", "2: empty line: every line must hold a key",
                                "3: empty line: every line must hold a key")),
                row("CR LF line ends", "3 " + AEAD + "\r\n4 " + AEAD + "\r\n", List.empty()),
                row("no final LF", "3 " + AEAD, List.empty()),
                row("empty line at the end", "3 " + AEAD + "\n\n",
                        List.of("2: empty line: every line must hold a key")),
                row("empty line in the middle", "3 " + AEAD + "\n\n4 " + AEAD + "\n",
                        List.of("2: empty line: every line must hold a key")),
                row("whitespace-only line", "3 " + AEAD + "\n \t \n",
                        List.of("2: blank line: every line must hold a key")),
                // 3. separators: see CiliumMainGrammarTest
                // 4. SPI
                row("SPI 0", "0 " + AEAD, List.of("1: " + SPI_RANGE + "0")),
                row("SPI 16", "16 " + AEAD, List.of("1: " + SPI_RANGE + "16")),
                row("SPI 16+", "16+ " + AEAD, List.of("1: " + SPI_RANGE + "16")),
                row("SPI huge", "99999999999999999999999 " + AEAD, List.of("1: " + SPI_RANGE + "a 23-digit number")),
                row("SPI negative", "-1 " + AEAD, List.of("1: " + SPI_RANGE + "'-1'")),
                row("SPI + alone", "+ " + AEAD, List.of("1: " + SPI_RANGE + "'+'")),
                row("SPI letters", "three " + AEAD, List.of("1: " + SPI_RANGE + "a 5-character value")),
                row("SPI double +", "3++ " + AEAD, List.of("1: " + SPI_RANGE + "'3++'")),
                row("SPI leading zero, as Cilium's Atoi", "03 " + AEAD, List.empty()),
                row("SPI 15+", "15+ " + AEAD, List.empty()),
                // 5. AEAD
                row("AEAD algorithm without rfc", "3 gcm(aes) " + GCM_KEY + " 128",
                        List.of("1: aead-algorithm must start with 'rfc', e.g. rfc4106(gcm(aes))")),
                row("AEAD key not hex", "3 rfc4106(gcm(aes)) " + GCM_KEY.replace('f', 'g') + " 128",
                        List.of("1: invalid hex in aead-key")),
                row("AEAD key odd length", "3 rfc4106(gcm(aes)) " + GCM_KEY + "a 128",
                        List.of("1: aead-key has an odd number of hex digits")),
                row("AEAD key empty", "3 rfc4106(gcm(aes)) \"\" 128", List.of("1: aead-key must not be empty")),
                row("AEAD key only 0x", "3 rfc4106(gcm(aes)) 0x 128", List.of("1: aead-key has no hex digits")),
                row("AEAD key with 0x", "3 rfc4106(gcm(aes)) 0x" + GCM_KEY + " 128", List.empty()),
                row("AEAD key upper case", "3 rfc4106(gcm(aes)) " + GCM_KEY.toUpperCase() + " 128", List.empty()),
                row("ICV 64", "3 rfc4106(gcm(aes)) " + GCM_KEY + " 64", List.of("1: icv-bits must be 96, 128 or 256, was 64")),
                row("ICV text", "3 rfc4106(gcm(aes)) " + GCM_KEY + " lots",
                        List.of("1: icv-bits must be 96, 128 or 256, was 'lots'")),
                row("ICV 96", "3 rfc4106(gcm(aes)) " + GCM_KEY + " 96", List.empty()),
                row("every AEAD field wrong at once", "0 gcm " + GCM_KEY + "x 1",
                        List.of("1: " + SPI_RANGE + "0", "1: aead-algorithm must start with 'rfc', e.g. rfc4106(gcm(aes))",
                                "1: invalid hex in aead-key", "1: icv-bits must be 96, 128 or 256, was 1")),
                // 6. auth + enc
                row("auth + enc", "1 " + AUTH_ENC, List.empty()),
                row("null suite", "3 digest_null \"\" cipher_null \"\"", List.empty()),
                row("auth + enc with 0x", "1 hmac(sha256) 0x" + KEY16 + " cbc(aes) 0x" + KEY16, List.empty()),
                row("auth + enc bad keys (Cilium's invalid vector)",
                        "6 test abcdefghijklmnopqrstuvwzyzABCDEF test abcdefghijklmnopqrstuvwzyzABCDEF\n",
                        List.of("1: invalid hex in auth-key", "1: invalid hex in enc-key")),
                row("auth key only 0x", "1 hmac(sha256) 0x cbc(aes) " + KEY16,
                        List.of("1: auth-key has no hex digits; write \"\" for an empty key")),
                row("a key where the auth-algorithm belongs", "1 " + KEY16 + " hmac(sha256) cbc(aes) " + KEY16,
                        List.of("1: auth-algorithm looks like a hex key: are the fields in the right order?",
                                "1: invalid hex in auth-key")),
                row("a key where the enc-algorithm belongs", "1 hmac(sha256) " + KEY16 + " 0x" + KEY16 + " cbc(aes)",
                        List.of("1: enc-algorithm looks like a hex key: are the fields in the right order?",
                                "1: invalid hex in enc-key")),
                // 7. field count
                row("3 fields", "3 rfc4106(gcm(aes)) " + GCM_KEY, List.of("1: " + fieldCount(3))),
                row("6 fields (Cilium's vector)", "1 " + AUTH_ENC + " foobar", List.of("1: " + fieldCount(6))),
                row("1 field", "3", List.of("1: " + fieldCount(1))),
                // 8. between lines
                row("rotation", "3+ " + AEAD + "\n4+ " + AEAD + "\n", List.empty()),
                row("wrap-around 15 to 1", "15 " + AEAD + "\n1 " + AEAD + "\n", List.empty()),
                row("same SPI again later is fine", "1 " + AEAD + "\n2 " + AEAD + "\n1 " + AEAD + "\n", List.empty()),
                row("same SPI", "3 " + AEAD + "\n3+ " + AEAD + "\n",
                        List.of("2: changing IPsec keys requires a new SPI: line 2 has the same SPI 3 as line 1")),
                // KeyLen rules: see CiliumMainGrammarTest
                row("no comparison across a broken line", "3 " + AEAD + "\nbroken\n3 " + AUTH_ENC + "\n",
                        List.of("2: " + fieldCount(1))),
                row("all errors, sorted by line", "0 " + AEAD + "\n \n3 " + AEAD + "\n4 rfc4106(gcm(aes)) 0x1 128\n",
                        List.of("1: " + SPI_RANGE + "0", "2: blank line: every line must hold a key",
                                "4: aead-key has an odd number of hex digits")));
    }

    static String fieldCount(int n) {
        return "a key line has 4 fields (SPI aead-algorithm aead-key icv-bits) or 5"
                + " (SPI auth-algorithm auth-key enc-algorithm enc-key), this one has " + n;
    }

    static Arguments row(String name, String content, List<String> errors) {
        return Arguments.of(name, content, errors);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void reportsExactlyTheExpectedErrors(String name, String content, List<String> expectedErrors) {
        KeyFileCheck check = KeyFileParser.parse(content.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(lines(check.errors())).containsExactlyElementsOf(expectedErrors);
        assertThat(check.isValid()).isEqualTo(expectedErrors.isEmpty());
    }

    @Test
    void rejectsAFileOverTheLimitWithoutLookingAtIt() {
        byte[] content = new byte[KeyFileParser.MAX_BYTES + 1];

        KeyFileCheck check = KeyFileParser.parse(content);

        assertThat(lines(check.errors())).containsExactly("-: file is 65537 bytes, more than the 65536 bytes allowed");
    }

    @Test
    void acceptsAFileOfExactlyTheLimit() {
        String line = "3 " + AEAD + "\n";
        String content = line.repeat(KeyFileParser.MAX_BYTES / line.length());
        content = content + "#".repeat(KeyFileParser.MAX_BYTES - content.length());

        KeyFileCheck check = KeyFileParser.parse(content.getBytes(StandardCharsets.US_ASCII));

        assertThat(check.errors().map(KeyFileProblem::message)).doesNotContain(
                "file is 65536 bytes, more than the 65536 bytes allowed");
        assertThat(check.errors()).isNotEmpty();
    }

    @Test
    void theLastLineIsTheActiveKey() {
        KeyFileCheck check = KeyFileParser.parse(("3+ " + AEAD + "\n4+ " + AEAD + "\n").getBytes(StandardCharsets.US_ASCII));

        KeySet keys = check.keySet().getOrElseThrow(() -> new AssertionError(check.errors()));
        assertThat(keys.activeSpi()).isEqualTo(Spi.of(4));
        assertThat(keys.size()).isEqualTo(2);
        assertThat(keys.active().perNodeKeys()).isTrue();
        assertThat(keys.active().line()).isEqualTo(2);
    }

    @Test
    void aKeySetsSummariesAreMadeOnceAndMustBeItsEntriesOwn() {
        KeyFileCheck check = KeyFileParser.parse(("3+ " + AEAD + "\n4+ " + AEAD + "\n").getBytes(StandardCharsets.US_ASCII));
        KeySet keys = check.keySet().getOrElseThrow(() -> new AssertionError(check.errors()));

        assertThat(keys.summaries()).isSameAs(keys.summaries());
        assertThat(keys.summaries()).isEqualTo(keys.entries().map(KeyEntry::summary));
        assertThat(keys.summaries().map(KeySummary::spi)).containsExactly(Spi.of(3), Spi.of(4));
        assertThat(new KeySet(keys.entries())).isEqualTo(keys);
        assertThatThrownBy(() -> new KeySet(keys.entries(), keys.summaries().reverse()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entries' own");
    }

    @Test
    void nullContentIsAnEmptyFile() {
        assertThat(lines(KeyFileParser.parse(null).errors())).containsExactly("-: no keys: the file is empty");
    }

    static List<String> lines(List<KeyFileProblem> problems) {
        return problems.map(problem -> problem.line().map(String::valueOf).getOrElse("-") + ": " + problem.message());
    }
}
