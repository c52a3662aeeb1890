package io.ipseckeyagent.domain.key;

import static io.ipseckeyagent.domain.key.KeyFileParserTest.GCM_KEY;
import static io.ipseckeyagent.domain.key.KeyFileParserTest.KEY16;
import static io.ipseckeyagent.domain.key.KeyFileParserTest.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Rule 9: what the kernel would reject late becomes a warning, or an error with strict. */
class KeyFileWarningsTest {

    static Stream<Arguments> doubts() {
        return Stream.of(
                Arguments.of("3 rfc9999(foo) " + GCM_KEY + " 128",
                        List.of("1: unknown aead-algorithm 'rfc9999(foo)'; the kernel may reject it")),
                Arguments.of("3 rfc4106(gcm(aes)) " + KEY16 + " 128",
                        List.of("1: rfc4106(gcm(aes)) takes an aead-key of 20, 28 or 36 bytes (an AES key plus a"
                                + " 4-byte salt), this one has 16 bytes")),
                Arguments.of("3 rfc4106(gcm(aes)) " + GCM_KEY + " 256",
                        List.of("1: rfc4106(gcm(aes)) takes an ICV of 64, 96 or 128 bits, this line has 256")),
                Arguments.of("3 rfc4543(gcm(aes)) " + GCM_KEY + " 96",
                        List.of("1: rfc4543(gcm(aes)) takes an ICV of 128 bits, this line has 96")),
                Arguments.of("3 rfc7539esp(chacha20,poly1305) " + GCM_KEY + " 128",
                        List.of("1: rfc7539esp(chacha20,poly1305) takes an aead-key of 36 bytes (a 32-byte key"
                                + " plus a 4-byte salt), this one has 20 bytes")),
                // the name this list held before, which the kernel does not know
                Arguments.of("3 rfc7539esp(rfc7539(chacha20,poly1305)) " + GCM_KEY + " 128",
                        List.of("1: unknown aead-algorithm 'rfc7539esp(rfc7539(chacha20,poly1305))'; the kernel may"
                                + " reject it")),
                Arguments.of("3 hmac(sha256) " + KEY16 + " cbc(aes) " + GCM_KEY,
                        List.of("1: cbc(aes) takes an enc-key of 16, 24 or 32 bytes, this one has 20 bytes")),
                Arguments.of("3 digest_null " + KEY16 + " cipher_null \"\"",
                        List.of("1: digest_null takes an empty auth-key, this one has 16 bytes")),
                Arguments.of("3 cbc(aes) " + KEY16 + " hmac(sha256) " + KEY16,
                        List.of("1: 'cbc(aes)' is an enc-algorithm, not an auth-algorithm",
                                "1: 'hmac(sha256)' is an auth-algorithm, not an enc-algorithm")),
                Arguments.of("3 rfc4106(gcm(aes)) " + GCM_KEY + " 128\n4 rfc4106(gcm(aes)) " + GCM_KEY + " 256\n",
                        List.of("2: rfc4106(gcm(aes)) takes an ICV of 64, 96 or 128 bits, this line has 256")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("doubts")
    void warnsWithoutStrictAndFailsWithStrict(String content, List<String> expected) {
        byte[] bytes = content.getBytes(StandardCharsets.US_ASCII);
        // the last row changes the ICV between lines: an error either way
        boolean changesIcv = content.contains("\n");

        KeyFileCheck lenient = KeyFileParser.parse(bytes);
        KeyFileCheck strict = KeyFileParser.parse(bytes, true);

        assertThat(lines(lenient.warnings())).containsExactlyElementsOf(expected);
        assertThat(lenient.isValid()).isEqualTo(!changesIcv);
        assertThat(lines(strict.errors())).containsAll(expected);
        assertThat(strict.isValid()).isFalse();
        assertThat(strict.warnings()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // Cilium's published vectors (docs and tests): none of them may draw a warning.
        "3+ rfc4106(gcm(aes)) 44434241343332312423222114131211f4f3f2f1 128",
        "6 rfc4106(gcm(aes)) 44434241343332312423222114131211f4f3f2f1 128\n",
        "4 rfc4106(gcm(aes)) 44434241343332312423222114131211f4f3f2f1 128\n",
        "1 hmac(sha256) 0123456789abcdef0123456789abcdef cbc(aes) 0123456789abcdef0123456789abcdef\n",
        "3 digest_null \"\" cipher_null \"\"",
        // and common real-world lines
        "5+ rfc4106(gcm(aes)) 0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233 128",
        "7 rfc4543(gcm(aes)) 00112233445566778899aabbccddeeff00112233 128",
        // ChaCha20-Poly1305 under the kernel's name (net/xfrm/xfrm_algo.c, aead_list): 32-byte key, 4-byte salt
        "8+ rfc7539esp(chacha20,poly1305) 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233 128",
        "2 hmac(sha1) 00112233445566778899aabbccddeeff00112233 cbc(aes) 00112233445566778899aabbccddeeff",
        "2 hmac(sha512) 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff cbc(aes) "
                + "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
    })
    void ciliumsOwnVectorsAreValidAndDrawNoWarning(String content) {
        KeyFileCheck check = KeyFileParser.parse(content.getBytes(StandardCharsets.US_ASCII), true);

        assertThat(lines(check.errors())).isEmpty();
        assertThat(check.warnings()).isEmpty();
    }

    @Test
    void warnsAboutValidLinesOfAnInvalidFile() {
        String content = "3 rfc9999(foo) " + GCM_KEY + " 128\n3 rfc9999(foo) " + GCM_KEY + " 128\n";

        KeyFileCheck check = KeyFileParser.parse(content.getBytes(StandardCharsets.US_ASCII));

        assertThat(check.isValid()).isFalse();
        assertThat(lines(check.warnings())).containsExactly(
                "1: unknown aead-algorithm 'rfc9999(foo)'; the kernel may reject it",
                "2: unknown aead-algorithm 'rfc9999(foo)'; the kernel may reject it");
    }

    @Test
    void strictMergesWarningsIntoErrorsByLine() {
        String content = "3 rfc9999(foo) " + GCM_KEY + " 128\n3 rfc4106(gcm(aes)) " + GCM_KEY + " 128\n";

        KeyFileCheck check = KeyFileParser.parse(content.getBytes(StandardCharsets.US_ASCII), true);

        assertThat(lines(check.errors())).containsExactly(
                "1: unknown aead-algorithm 'rfc9999(foo)'; the kernel may reject it",
                "2: changing IPsec keys requires a new SPI: line 2 has the same SPI 3 as line 1");
    }

    @Test
    void everyKnownAlgorithmHasItsRoleAndAName() {
        assertThat(KnownAlgorithms.all().map(KnownAlgorithms.Algorithm::name)).doesNotHaveDuplicates();
        assertThat(KnownAlgorithms.lookup("rfc4106(gcm(aes))").map(KnownAlgorithms.Algorithm::role).getOrNull())
                .isEqualTo(KnownAlgorithms.Role.AEAD);
        assertThat(KnownAlgorithms.lookup("hmac(md5)").isEmpty()).isTrue();
    }
}
