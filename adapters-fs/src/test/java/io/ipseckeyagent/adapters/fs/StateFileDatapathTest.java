package io.ipseckeyagent.adapters.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.testkit.contract.DatapathPortContract;
import io.ipseckeyagent.application.port.out.DatapathPort;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileDatapathTest extends DatapathPortContract {
    private static final Instant DETECTED = Instant.parse("2026-11-24T10:00:00.123456789Z");
    private static final Instant APPLIED = Instant.parse("2026-11-24T10:00:42.500Z");

    @TempDir
    Path dir;

    private Path stateFile() {
        return dir.resolve("run/ipsec-key-agent/state.json");
    }

    @Override
    protected DatapathPort freshDatapath() {
        return FileSystemAdapters.stateFileDatapath(stateFile());
    }

    @Override
    protected DatapathPort restartedDatapath() {
        return FileSystemAdapters.stateFileDatapath(stateFile());
    }

    @Override
    protected String storedForm() {
        try (Stream<Path> files = Files.walk(dir)) {
            StringBuilder stored = new StringBuilder();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                stored.append(Files.readString(file)).append('\n');
            }
            return stored.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void writesReadableJsonWithTheFactsOfEachKeyAndNothingElse() throws IOException {
        DatapathPort datapath = freshDatapath();
        datapath.apply(AUTH_ENC_KEYS, DETECTED, APPLIED);

        assertThat(Files.readString(stateFile())).isEqualToIgnoringWhitespace("""
                {
                  "version": 1,
                  "activeSpi": 5,
                  "keys": [ {
                    "line": 1, "spi": 5, "perNodeKeys": false, "type": "auth-enc",
                    "algorithms": [ "hmac(sha256)", "cbc(aes)" ],
                    "keyBytes": 16, "authKeyBytes": 32, "icvBits": null,
                    "fingerprint": "%s"
                  } ],
                  "detectedAt": "2026-11-24T10:00:00.123456789Z",
                  "appliedAt": "2026-11-24T10:00:42.500Z",
                  "publishedAt": null,
                  "pending": null
                }""".formatted(AUTH_ENC_KEYS.active().suite().fingerprint()));
    }

    @Test
    void aPendingChangeIsWrittenAsItsTimeAndTheFingerprintItLeavesAndAnOlderFileWithoutItStillReads()
            throws IOException {
        DatapathPort datapath = freshDatapath();
        datapath.apply(AUTH_ENC_KEYS, DETECTED, APPLIED);
        String fingerprint = AUTH_ENC_KEYS.active().suite().fingerprint();
        datapath.recordPendingChange(new io.ipseckeyagent.domain.rotation.PendingChange(APPLIED, fingerprint));

        assertThat(Files.readString(stateFile())).containsIgnoringWhitespaces(
                "\"pending\": { \"detectedAt\": \"2026-11-24T10:00:42.500Z\", \"fromFingerprint\": \"" + fingerprint + "\" }");
        Files.writeString(stateFile(), Files.readString(stateFile()).replaceAll("(?s),\\s*\"pending\".*\\}\\s*\\}", "}"));
        assertThat(restartedDatapath().lastApplied()).isNotEmpty();
        assertThat(restartedDatapath().pendingChange()).isEmpty();
    }

    @Test
    void replacesTheFileAtomicallyLeavingNoTemporaryFile() throws IOException {
        DatapathPort datapath = freshDatapath();
        datapath.apply(AEAD_KEYS, DETECTED, APPLIED);
        datapath.markPublished(Spi.of(4), APPLIED);

        try (Stream<Path> files = Files.list(stateFile().getParent())) {
            assertThat(files).containsExactly(stateFile());
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateFile()))).isEqualTo("rw-r-----");
    }

    @Test
    void evenUnderUmask000TheStateFileAndItsNewDirectoryAreGroupReadableAtMost() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder("sh", "-c", "umask 000 && exec \"$0\" -cp \"$1\" \"$2\" \"$3\"",
                java, System.getProperty("java.class.path"), StateWriteUnderUmask.class.getName(), stateFile().toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
        assertThat(child.exitValue()).as("child exit; its output is in child.log").isZero();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateFile()))).isEqualTo("rw-r-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateFile().getParent())))
                .isEqualTo("rwxr-x---");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateFile().getParent().getParent())))
                .as("every directory the agent creates").isEqualTo("rwxr-x---");
        assertThat(restartedDatapath().lastApplied()).isNotEmpty();
    }

    @Test
    void aCorruptStateFileMeansNothingApplied() throws IOException {
        DatapathPort datapath = freshDatapath();
        datapath.apply(AEAD_KEYS, DETECTED, APPLIED);
        String valid = Files.readString(stateFile());

        for (String corrupt : new String[] {
                "", "not json", valid.substring(0, valid.length() / 2), "{}", "[1, 2]",
                valid.replace("\"version\" : 1", "\"version\" : 2"),
                valid.replace("\"activeSpi\" : 4", "\"activeSpi\" : 3"),
                valid.replace("\"spi\" : 4", "\"spi\" : 16"),
                valid.replace("\"type\" : \"aead\"", "\"type\" : \"esp\""),
                valid.replace("\"icvBits\" : 128", "\"icvBits\" : null"),
                valid.replace("\"appliedAt\" : \"", "\"appliedAt\" : \"yesterday")}) {
            Files.writeString(stateFile(), corrupt, StandardCharsets.UTF_8);

            assertThat(restartedDatapath().lastApplied()).as("state file holding: %s", corrupt).isEqualTo(Option.none());
        }
    }

    @Test
    void aDirectoryInTheWayIsAReasonNotAnException() throws IOException {
        Files.createDirectories(stateFile());

        assertThat(freshDatapath().lastApplied()).isEqualTo(Option.none());
        Either<String, ?> applied = freshDatapath().apply(AEAD_KEYS, DETECTED, APPLIED);
        assertThat(applied.swap().getOrNull()).startsWith(stateFile() + ": cannot write the state file: ");
    }

    @Test
    void aFileWhereItsDirectoryShouldBeIsAReasonNotAnException() throws IOException {
        Files.createDirectories(stateFile().getParent().getParent());
        Files.writeString(stateFile().getParent(), "in the way");

        Either<String, ?> applied = freshDatapath().apply(AEAD_KEYS, DETECTED, APPLIED);

        assertThat(applied.swap().getOrNull()).startsWith(stateFile() + ": cannot write the state file: ");
        assertThat(freshDatapath().lastApplied()).isEqualTo(Option.none());
    }
}
