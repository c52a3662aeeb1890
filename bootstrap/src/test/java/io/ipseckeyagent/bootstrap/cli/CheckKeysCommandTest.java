package io.ipseckeyagent.bootstrap.cli;

import io.ipseckeyagent.standins.KubeletSecretVolume;
import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.domain.key.CiliumVersions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the command line in-process, through every exit path, and reads what it printed. */
class CheckKeysCommandTest {
    private static final String EVERY = CiliumVersions.EVERY.description();
    private static final String BEFORE_MARCH_2026 = CiliumVersions.BEFORE_MARCH_2026.description();

    // Cilium's documented test vectors and an obviously fake one: not secrets.
    static final String GCM_KEY = "44434241343332312423222114131211f4f3f2f1";
    static final String FAKE_KEY = "0123456789abcdef0123456789abcdef01234567";
    static final String KEY16 = "0123456789abcdef0123456789abcdef";
    static final String ROTATION = "3+ rfc4106(gcm(aes)) " + GCM_KEY + " 128\n4+ rfc4106(gcm(aes)) " + FAKE_KEY + " 128\n";

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Cli.commandLine(args); // as Main builds it
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private String file(String name, String content) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, content, StandardCharsets.ISO_8859_1);
        return path.toString();
    }

    private static String fingerprint(String hex) {
        return io.ipseckeyagent.domain.key.KeyBytes.of(java.util.HexFormat.of().parseHex(hex)).fingerprint();
    }

    // ---- text

    @Test
    void aValidFileExitsZeroWithTheActiveSpiAndTheKeyCount() throws IOException {
        String keys = file("keys", ROTATION);

        Run run = run("check-keys", keys);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(keys + ": valid: 2 keys, active SPI 4 (" + fingerprint(FAKE_KEY) + ")\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void warningsFollowTheSummaryLineInCompilerStyle() throws IOException {
        String keys = file("keys", "3 rfc4106(gcm(aes)) " + KEY16 + " 128\n");

        Run run = run("check-keys", keys);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(keys + ":1: warning: rfc4106(gcm(aes)) takes an aead-key of 20, 28 or 36 bytes"
                + " (an AES key plus a 4-byte salt), this one has 16 bytes [affects: " + EVERY + "]\n"
                + keys + ": valid: 1 key, active SPI 3 (" + fingerprint(KEY16) + "), 1 warning\n");
    }

    @Test
    void strictTurnsWarningsIntoErrors() throws IOException {
        String keys = file("keys", "3 rfc9999(x) " + GCM_KEY + " 128\n");

        Run run = run("check-keys", "--strict", keys);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo(keys + ":1: unknown aead-algorithm 'rfc9999(x)'; the kernel may reject it\n"
                + keys + ": invalid: 1 error\n");
    }

    @Test
    void anInvalidFileListsEveryErrorWithItsLine() throws IOException {
        String keys = file("keys", "3 rfc4106(gcm(aes)) " + GCM_KEY + " 128\n3 rfc4106(gcm(aes)) " + GCM_KEY
                + " 128\n0  x\n\n");

        Run run = run("check-keys", keys);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo(
                keys + ":2: changing IPsec keys requires a new SPI: line 2 has the same SPI 3 as line 1\n"
                + keys + ":3: a key line has 4 fields (SPI aead-algorithm aead-key icv-bits) or 5 (SPI auth-algorithm"
                + " auth-key enc-algorithm enc-key), this one has 2\n"
                + keys + ":4: empty line: every line must hold a key\n"
                + keys + ": invalid: 3 errors\n");
    }

    /** Cilium main splits with strings.Fields (ipsec_linux.go, loadIPSecKeys); older releases do not. */
    @Test
    void aTabSeparatedFileIsValidWithAWarningNamingTheCiliumVersionsItBreaks() throws IOException {
        String keys = file("keys", "3\trfc4106(gcm(aes)) " + GCM_KEY + " 128\n");

        Run text = run("check-keys", keys);
        Run json = run("check-keys", "-o", "json", keys);
        Run strict = run("check-keys", "--strict", keys);

        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).startsWith(keys + ":1: warning: fields are not separated by single spaces (tab at column 2)"
                + " [affects: " + BEFORE_MARCH_2026 + "]\n");
        assertThat(json.out()).contains("\"warnings\":[{\"line\":1,\"message\":\"fields are not separated by single"
                + " spaces (tab at column 2)\",\"affects\":\"" + BEFORE_MARCH_2026 + "\"}]");
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.out()).contains(keys + ":1: fields are not separated by single spaces (tab at column 2)\n");
    }

    @Test
    void aMissingFileExitsOne() {
        String keys = dir.resolve("absent").toString();

        Run run = run("check-keys", keys);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith(keys + ": no such file\n");
    }

    @Test
    void aDirectoryIsNotAKeyFile() {
        Run run = run("check-keys", dir.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith(dir + ": not a regular file\n");
    }

    @Test
    void aFileOverTheLimitIsRefused() throws IOException {
        String keys = file("big", "x".repeat(70_000));

        Run run = run("check-keys", keys);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith(keys + ": file is 70000 bytes, more than the 65536 bytes allowed\n");
    }

    @Test
    void followsSymlinksAsKubeletMountsThem() throws IOException {
        KubeletSecretVolume volume = new KubeletSecretVolume(dir.resolve("secret"));
        volume.write(ROTATION);
        Path keys = volume.keyFile();

        Run run = run("check-keys", keys.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("active SPI 4");
    }

    // ---- json

    @Test
    void jsonForAValidAeadFile() throws IOException {
        String keys = file("keys", ROTATION);

        Run run = run("check-keys", "--output", "json", keys);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("{\"file\":\"" + keys + "\",\"valid\":true,\"activeSpi\":4,\"keys\":["
                + "{\"line\":1,\"spi\":3,\"perNodeKeys\":true,\"type\":\"aead\",\"algorithms\":[\"rfc4106(gcm(aes))\"],"
                + "\"keyBytes\":20,\"icvBits\":128,\"fingerprint\":\"" + fingerprint(GCM_KEY) + "\"},"
                + "{\"line\":2,\"spi\":4,\"perNodeKeys\":true,\"type\":\"aead\",\"algorithms\":[\"rfc4106(gcm(aes))\"],"
                + "\"keyBytes\":20,\"icvBits\":128,\"fingerprint\":\"" + fingerprint(FAKE_KEY) + "\"}],"
                + "\"errors\":[],\"warnings\":[]}\n");
    }

    @Test
    void jsonForAnAuthEncFileGivesBothKeyLengthsAndNoIcv() throws IOException {
        String keys = file("keys", "1 hmac(sha256) " + KEY16 + " cbc(aes) " + KEY16 + "0011223344556677\n");

        Run run = run("check-keys", "-o", "json", keys);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("{\"line\":1,\"spi\":1,\"perNodeKeys\":false,\"type\":\"auth-enc\","
                + "\"algorithms\":[\"hmac(sha256)\",\"cbc(aes)\"],\"keyBytes\":24,\"authKeyBytes\":16,\"icvBits\":null,"
                + "\"fingerprint\":\"sha256:");
    }

    @Test
    void jsonForAnInvalidFileListsNoKeysAndEveryProblem() throws IOException {
        String keys = file("keys", "3 rfc9999(x) " + GCM_KEY + " 128\n16 rfc4106(gcm(aes)) " + GCM_KEY + " 128\n");

        Run run = run("check-keys", "--output=json", keys);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("{\"file\":\"" + keys + "\",\"valid\":false,\"activeSpi\":null,\"keys\":[],"
                + "\"errors\":[{\"line\":2,\"message\":\"SPI must be a decimal number from 1 to 15, was 16\",\"affects\":null}],"
                + "\"warnings\":[{\"line\":1,\"message\":\"unknown aead-algorithm 'rfc9999(x)'; the kernel may reject it\","
                + "\"affects\":\"" + EVERY + "\"}]}\n");
    }

    @Test
    void jsonGivesFileProblemsANullLine() {
        Run run = run("check-keys", "-o", "json", "no \"such\" \u00e9\\file");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("{\"file\":\"no \\\"such\\\" \\u00e9\\\\file\",\"valid\":false,\"activeSpi\":null,"
                + "\"keys\":[],\"errors\":[{\"line\":null,\"message\":\"no such file\",\"affects\":null}],\"warnings\":[]}\n");
    }

    @Test
    void noOutputEverContainsKeyHex() throws IOException {
        String valid = file("valid", ROTATION + "5 rfc4106(gcm(aes)) " + KEY16 + "01020304 128\n");
        String invalid = file("invalid", ROTATION + "4 rfc4106(gcm(aes)) " + KEY16 + "01020304 96\n"
                + KEY16 + " rfc4106(gcm(aes)) " + KEY16 + " " + KEY16 + "\n1 " + KEY16 + " " + KEY16 + " x " + KEY16 + "\n");

        for (String keys : new String[] {valid, invalid}) {
            for (String[] options : new String[][] {{}, {"--strict"}, {"-o", "json"}, {"--strict", "-o", "json"}}) {
                String[] args = java.util.stream.Stream.concat(
                        java.util.stream.Stream.concat(java.util.stream.Stream.of("check-keys"), java.util.Arrays.stream(options)),
                        java.util.stream.Stream.of(keys)).toArray(String[]::new);
                Run run = run(args);
                String printed = (run.out() + run.err()).toLowerCase();
                assertThat(printed).isNotBlank();
                for (String hex : new String[] {GCM_KEY, FAKE_KEY, KEY16}) {
                    assertThat(printed).doesNotContain(hex);
                }
            }
        }
    }

    // ---- usage, help, version

    @Test
    void anUnknownOutputFormatIsAUsageErrorNamingTheOption() throws IOException {
        Run run = run("check-keys", "--output", "xml", file("keys", ROTATION));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("Invalid value for option '--output': expected text or json, was 'xml'\n")
                .contains("Try 'ipsec-key-agent check-keys --help'");
    }

    @Test
    void aMissingFileArgumentIsAUsageError() {
        Run run = run("check-keys", "--strict");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Missing required parameter: 'FILE'");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Run run = run("check-keys", "--lenient", "keys");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Unknown option: '--lenient'");
    }

    @Test
    void noCommandIsAUsageError() {
        Run run = run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Missing command, one of: run, check-keys");
    }

    @Test
    void aMisspelledCommandGetsASuggestion() {
        Run run = run("check-key", "keys");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Did you mean: ipsec-key-agent check-keys?");
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        Run top = run("--help");
        Run checkKeys = run("check-keys", "--help");

        assertThat(top.exitCode()).isZero();
        assertThat(top.out()).contains("Usage: ipsec-key-agent", "check-keys");
        assertThat(checkKeys.exitCode()).isZero();
        assertThat(checkKeys.out()).contains("--strict", "--output=text|json", "standard output",
                "1   the file is invalid, unreadable or missing", "2   usage error");
    }

    @Test
    void versionFallsBackToDevOutsideTheJar() {
        Run run = run("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("ipsec-key-agent dev\n");
    }

    // ---- the samples the README uses

    @Test
    void theShippedSamplesSayWhatTheReadmePromises() {
        Path samples = Path.of("..", "examples", "keys");

        Run rotation = run("check-keys", samples.resolve("rotation.keys").toString());
        Run broken = run("check-keys", samples.resolve("broken.keys").toString());

        assertThat(rotation.exitCode()).isZero();
        assertThat(rotation.out()).contains("valid: 2 keys, active SPI 4");
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.out()).contains("broken.keys:2: changing IPsec keys requires a new SPI",
                "broken.keys:3: key length must not change", "broken.keys:5: warning: fields are not separated by single"
                + " spaces", "invalid: 7 errors, 2 warnings");
    }
}
