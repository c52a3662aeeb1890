package io.ipseckeyagent.domain.key;

import static io.ipseckeyagent.domain.key.KeyFileParserTest.AEAD;
import static io.ipseckeyagent.domain.key.KeyFileParserTest.AUTH_ENC;
import static io.ipseckeyagent.domain.key.KeyFileParserTest.GCM_KEY;
import static io.ipseckeyagent.domain.key.KeyFileParserTest.KEY16;
import static io.ipseckeyagent.domain.key.KeyFileParserTest.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The key-file grammar of Cilium main, rule by rule. Every rule names its source: cilium/cilium
 * {@code pkg/datapath/linux/ipsec/ipsec_linux.go}, function {@code loadIPSecKeys} (with
 * {@code parseSPI} and {@code decodeIPSecKey}), and the cases of {@code ipsec_linux_test.go}.
 */
class CiliumMainGrammarTest {
    private static final String SEPARATORS = "fields are not separated by single spaces";

    private static KeyFileCheck parse(String content) {
        return KeyFileParser.parse(content.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static KeyFileCheck strict(String content) {
        return KeyFileParser.parse(content.getBytes(StandardCharsets.ISO_8859_1), true);
    }

    // ---- loadIPSecKeys: strings.Fields(strings.TrimSpace(line)) since March 2026

    /**
     * loadIPSecKeys splits with strings.Fields(strings.TrimSpace(line)): runs of ASCII white space
     * (space, tab, CR, VT, FF) separate fields. Releases before March 2026 split with
     * strings.Split(line, " ") and fail (ipsec_linux_test.go, testInvalidLoadKeys, "leading space").
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            leading space          | ' 3 '  | ' '  | ''    | white space at the start of the line
            trailing space         | '3 '   | ' '  | ' '   | white space at the end of the line
            leading tab            | '\t3 ' | ' '  | ''    | white space at the start of the line
            several spaces         | '3   ' | ' '  | ''    | several spaces at column 2
            tab                    | '3\t'  | ' '  | ''    | tab at column 2
            spaces and tabs        | '3 \t' | '\t' | ''    | tab at column 3
            carriage return inside | '3\r'  | ' '  | ''    | carriage return at column 2
            vertical tab           | '3\u000b' | ' ' | ''  | vertical tab at column 2
            form feed              | '3\f'  | ' '  | ''    | form feed at column 2
            """)
    void whiteSpaceRunsAreAcceptedWithAWarningForOlderCilium(String name, String spi, String between, String end,
                                                             String why) {
        String content = spi + "rfc4106(gcm(aes))" + between + GCM_KEY + " 128" + end;
        String plain = "3 " + AEAD;

        KeyFileCheck check = parse(content);

        assertThat(check.isValid()).isTrue();
        assertThat(check.keySet().get().active().summary()).isEqualTo(parse(plain).keySet().get().active().summary());
        assertThat(lines(check.warnings())).containsExactly("1: " + SEPARATORS + " (" + why + ")");
        assertThat(check.warnings().single().affects()).isEqualTo(Option.some(CiliumVersions.BEFORE_MARCH_2026));
    }

    /** check-keys --strict: what Cilium releases before March 2026 reject is an error. */
    @Test
    void strictTurnsTheOlderCiliumWarningIntoAnError() {
        KeyFileCheck check = strict("3\t" + AEAD + "\n4 " + AEAD + " \n");

        assertThat(lines(check.errors())).containsExactly(
                "1: " + SEPARATORS + " (tab at column 2)", "2: " + SEPARATORS + " (white space at the end of the line)");
        assertThat(check.errors().map(KeyFileProblem::affects).distinct())
                .containsExactly(Option.some(CiliumVersions.BEFORE_MARCH_2026));
    }

    /** An auth + enc line the same way; the {@code ""} empty key is one field (decodeIPSecKey). */
    @Test
    void authEncLinesSplitTheSameWay() {
        KeyFileCheck check = parse("  3\tdigest_null  \"\"\tcipher_null \"\"  \r\n");

        assertThat(check.isValid()).isTrue();
        assertThat(check.keySet().get().active().suite().algorithms()).containsExactly("digest_null", "cipher_null");
    }

    /**
     * loadIPSecKeys: a line with no field fails "missing IPSec key or invalid format"
     * (testInvalidLoadKeys, "empty line" and "blank second line"). Cilium stops there; we report it
     * at its line and go on.
     */
    @ParameterizedTest
    @ValueSource(strings = {" \n", "\t\t\n", " \r\n", "\u000b\n"})
    void aBlankLineIsAnErrorOnItsLine(String blank) {
        KeyFileCheck check = parse("3 " + AEAD + "\n" + blank + "4 " + AEAD + "\n");

        assertThat(lines(check.errors())).containsExactly("2: blank line: every line must hold a key");
    }

    /** bufio.ScanLines yields one empty line for a lone LF, which loadIPSecKeys rejects: line 1. */
    @Test
    void aFileOfOneLineEndIsAnEmptyLine1() {
        assertThat(lines(parse("\n").errors())).containsExactly("1: empty line: every line must hold a key");
        assertThat(lines(parse("\r\n").errors())).containsExactly("1: empty line: every line must hold a key");
    }

    /**
     * loadIPSecKeys reads with a bufio.Scanner (ScanLines, 64 KiB buffer): a line that with its CR
     * does not fit in 65535 bytes stops the scan with ErrTooLong at that line.
     */
    @Test
    void anOverLongLineIsReportedOnItsLine() {
        String longest = "3 " + AEAD + " ".repeat(KeyLine.MAX_SCANNED_LENGTH - 2 - AEAD.length());
        String tooLong = "3 " + AEAD + " ".repeat(KeyLine.MAX_SCANNED_LENGTH - 1 - AEAD.length());

        assertThat(parse(longest).isValid()).isTrue();
        assertThat(parse(longest + "\n").isValid()).isTrue();
        assertThat(lines(parse(longest + "\r").errors()))
                .containsExactly("1: line is 65536 bytes, more than the 65535 bytes Cilium reads in one line");
        assertThat(lines(parse(tooLong).errors()))
                .containsExactly("1: line is 65536 bytes, more than the 65535 bytes Cilium reads in one line");
    }

    // ---- our stricter verdicts, where Cilium leaves the failure to the kernel or misreads the line

    /** decodeIPSecKey turns {@code ""} and {@code 0x} into an empty AEAD key; the kernel refuses it later. */
    @Test
    void emptyAndHexLessAeadKeysStayErrors() {
        assertThat(lines(parse("3 rfc4106(gcm(aes)) \"\" 128").errors()))
                .containsExactly("1: aead-key must not be empty");
        assertThat(lines(parse("3 rfc4106(gcm(aes)) 0x 128").errors()))
                .containsExactly("1: aead-key has no hex digits");
    }

    /** loadIPSecKeys only checks the "rfc" prefix; the kernel rejects a name it does not know. */
    @Test
    void algorithmNamesTheKernelCannotKnowWarnForEveryCiliumAndFailWithStrict() {
        String content = "3 rfc4106(gcm(foo)) " + GCM_KEY + " 128";

        assertThat(parse(content).warnings().single().affects()).isEqualTo(Option.some(CiliumVersions.EVERY));
        assertThat(strict(content).isValid()).isFalse();
    }

    /**
     * NUL and non-ASCII bytes stay errors, even U+00A0 (NBSP) and U+0085 (NEL), which Go's
     * strings.Fields counts as space in UTF-8.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\u00c2\u00a0", "\u00c2\u0085", "\0"})
    void nulAndNonAsciiBytesStayErrors(String separator) {
        KeyFileCheck check = parse("3" + separator + AEAD);

        assertThat(check.isValid()).isFalse();
        assertThat(check.errors().single().message()).containsAnyOf("outside printable ASCII", "NUL byte");
    }

    /** parseSPI: strconv.Atoi passes -3 through the {@code > 15} and {@code == 0} checks, then uint8 wraps it. */
    @Test
    void negativeSpisStayErrors() {
        assertThat(lines(parse("-3 " + AEAD).errors()))
                .containsExactly("1: SPI must be a decimal number from 1 to 15, was '-3'");
    }

    // ---- loadIPSecKeys: "invalid key rotation: key length must not change" compares KeyLen

    /** KeyLen of an AEAD line is icvLen / 8: the AES key size may change (AES-128-GCM to AES-256-GCM). */
    @Test
    void anAes128ToAes256ChangeWithTheSameIcvIsValid() {
        String aes256 = "4 rfc4106(gcm(aes)) " + GCM_KEY + "0102030405060708090a0b0c0d0e0f10 128";

        KeyFileCheck check = parse("3 " + AEAD + "\n" + aes256 + "\n");

        assertThat(lines(check.errors())).isEmpty();
        assertThat(check.warnings()).isEmpty();
    }

    /** KeyLen of an auth + enc line is the auth key's length (decodeIPSecKey): the enc key may change. */
    @Test
    void aCbcAes128To256ChangeUnderTheSameHmacKeyLengthIsValid() {
        String aes256 = "4 hmac(sha256) " + KEY16 + " cbc(aes) " + KEY16 + KEY16;

        assertThat(lines(parse("3 " + AUTH_ENC + "\n" + aes256 + "\n").errors())).isEmpty();
    }

    /** TestLoadKeysLenChange: keysDat then keysNullDat (auth key 16 bytes, then empty). */
    @Test
    void ciliumsLengthChangeVectorIsRefused() {
        String keysDat = "1 " + AUTH_ENC + "\n2 " + AUTH_ENC + "\n";
        String keysNullDat = "3 digest_null \"\" cipher_null \"\"\n";

        assertThat(lines(parse(keysDat + keysNullDat).errors())).containsExactly("3: key length must not change: line 3"
                + " has an auth key of 0 bytes and an encryption key of 0 bytes (Cilium KeyLen 0), line 2 had an auth"
                + " key of 16 bytes and an encryption key of 16 bytes (Cilium KeyLen 32)");
    }

    /** KeyLen = icvLen / 8: an ICV change is a key length change. */
    @Test
    void anIcvChangeIsAKeyLengthChange() {
        assertThat(lines(parse("3 " + AEAD + "\n4 rfc4106(gcm(aes)) " + GCM_KEY + " 96\n").errors())).containsExactly(
                "2: key length must not change: line 2 has an AEAD key of 20 bytes with a 96-bit ICV (Cilium KeyLen 12),"
                        + " line 1 had an AEAD key of 20 bytes with a 128-bit ICV (Cilium KeyLen 16)");
    }

    /**
     * Cilium compares KeyLen across formats too: AEAD with a 128-bit ICV (16) then an 8-byte auth
     * key (16 hex digits) passes; the usual 16-byte HMAC key (32) does not.
     */
    @Test
    void aFormatChangeIsJudgedByKeyLenAlone() {
        String eightByteAuth = "4 hmac(sha256) 0011223344556677 cbc(aes) " + KEY16;

        assertThat(parse("3 " + AEAD + "\n" + eightByteAuth + "\n").isValid()).isTrue();
        assertThat(lines(parse("3 " + AEAD + "\n4 " + AUTH_ENC + "\n").errors())).singleElement()
                .asString().startsWith("2: key length must not change").contains("(Cilium KeyLen 32)", "(Cilium KeyLen 16)");
    }

    /** TestLoadKeysSameSPI: keysSameSpiDat, "changing IPSec keys requires incrementing the key id". */
    @Test
    void ciliumsSameSpiVectorIsRefused() {
        String keysSameSpiDat = "7 " + AUTH_ENC + "\n7 digest_null \"\" cipher_null \"\"\n";

        assertThat(lines(parse(keysSameSpiDat).errors())).first().asString()
                .isEqualTo("2: changing IPsec keys requires a new SPI: line 2 has the same SPI 7 as line 1");
    }

    /** TestLoadKeys: keysDat, keysNullDat, keysAeadDat, keysAeadDat256 all load. */
    @ParameterizedTest
    @ValueSource(strings = {
        "1 hmac(sha256) 0123456789abcdef0123456789abcdef cbc(aes) 0123456789abcdef0123456789abcdef\n"
                + "2 hmac(sha256) 0123456789abcdef0123456789abcdef cbc(aes) 0123456789abcdef0123456789abcdef\n",
        "3 digest_null \"\" cipher_null \"\"\n",
        "4 rfc4106(gcm(aes)) 44434241343332312423222114131211f4f3f2f1 128\n",
        "5 rfc4106(gcm(aes)) 44434241343332312423222114131211f4f3f2f144434241343332312423222114131211 128\n"
    })
    void ciliumsLoadVectorsAreValid(String content) {
        assertThat(lines(strict(content).errors())).isEqualTo(List.empty());
    }
}
