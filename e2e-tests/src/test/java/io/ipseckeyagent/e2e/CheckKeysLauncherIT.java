package io.ipseckeyagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/check-keys} (the image's {@code /app/check-keys}) against the jar's build (and its
 * check-keys AOT cache, where the build's JDK made one): check-keys' exit codes and report, nothing on
 * standard error. (A JVM that cannot use the cache starts without it, silently: the start-up figure,
 * not this test, shows whether it was used.)
 */
class CheckKeysLauncherIT {
    private static final Path LAUNCHER = Path.of("../deploy/check-keys");

    @TempDir
    Path dir;

    private record Result(int exitCode, String out, String err) {}

    private Result checkKeys(Path file) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), file.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("IPSEC_KEY_AGENT_JAR", System.getProperty("agent.jar", "../bootstrap/target/ipsec-key-agent.jar"));
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("check-keys exited").isTrue();
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aValidFileExitsZeroWithItsSummaryAndNothingOnStandardError() throws Exception {
        Path keys = Files.writeString(dir.resolve("keys"), new KeyMaterial().line(3));

        Result result = checkKeys(keys);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).matches(java.util.regex.Pattern.quote(keys.toString()) + ": valid: 1 key, active SPI 3 \\(sha256:[0-9a-f]{8}\\)\n");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void anInvalidFileExitsOneNamingItsLine() throws Exception {
        Path keys = Files.writeString(dir.resolve("keys"), "16+ rfc4106(gcm(aes)) 00 128\n");

        Result result = checkKeys(keys);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith(keys + ":1: ");
        assertThat(result.err()).isEmpty();
    }
}
