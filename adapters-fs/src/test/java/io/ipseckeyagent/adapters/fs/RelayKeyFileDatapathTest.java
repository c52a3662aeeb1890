package io.ipseckeyagent.adapters.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.application.port.out.DatapathPort;
import io.ipseckeyagent.domain.key.KeySet;
import io.ipseckeyagent.domain.rotation.AppliedKeys;
import io.ipseckeyagent.testkit.KeyFiles;
import io.ipseckeyagent.testkit.contract.DatapathPortContract;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay datapath: the port's contract, plus what cilium-agent relies on in the file itself. */
class RelayKeyFileDatapathTest extends DatapathPortContract {
    private static final Instant DETECTED = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant APPLIED = Instant.parse("2026-11-24T10:00:42Z");
    private static final String A = KeyFiles.aead(3, 11) + "\n";
    private static final String B = KeyFiles.aead(3, 11) + "\n" + KeyFiles.aead(4, 12) + "\n";

    @TempDir
    Path dir;

    private Path keyFile() {
        return dir.resolve("var/lib/ipsec-key-agent/keys");
    }

    private Path stateFile() {
        return dir.resolve("var/run/ipsec-key-agent/state.json");
    }

    @Override
    protected DatapathPort freshDatapath() {
        return FileSystemAdapters.relayDatapath(keyFile(), stateFile());
    }

    @Override
    protected DatapathPort restartedDatapath() {
        return FileSystemAdapters.relayDatapath(keyFile(), stateFile());
    }

    /** Everything stored but the relayed key file, whose whole point is to hold the keys for Cilium. */
    @Override
    protected String storedForm() {
        StringBuilder stored = new StringBuilder();
        for (Path file : files()) {
            if (!file.equals(keyFile())) {
                stored.append(read(file)).append('\n');
            }
        }
        return stored.toString();
    }

    @Test
    void relaysCanonicalKeyFileTextWhateverTheSecretLookedLike() throws IOException {
        // Accepted by the parser, but not in the form every Cilium release reads alike.
        String hex = KeyFiles.aead(3, 5).split(" ")[2];
        String secret = "03+ rfc4106(gcm(aes)) 0x" + hex.toUpperCase(Locale.ROOT) + " 0128\r\n"
                + "4 hmac(sha256) " + "ab".repeat(32) + " cbc(aes) " + "CD".repeat(16);
        // Two lines of different formats are an error; check each alone.
        for (String[] pair : new String[][] {
                {secret.split("\r\n")[0] + "\r\n", "3+ rfc4106(gcm(aes)) " + hex + " 128\n"},
                {secret.split("\r\n")[1], "4 hmac(sha256) " + "ab".repeat(32) + " cbc(aes) " + "cd".repeat(16) + "\n"}}) {
            freshDatapath().apply(KeyFiles.keys(pair[0]), DETECTED, APPLIED);

            // Compared without printing: a failure must not show key material.
            assertThat(read(keyFile()).equals(pair[1])).as("the relayed file is canonical text").isTrue();
        }
    }

    @Test
    void theRelayedFileIsOwnerOnlyAndNoTemporaryFileIsLeft() throws IOException {
        DatapathPort datapath = freshDatapath();
        datapath.apply(KeyFiles.keys(A), DETECTED, APPLIED);
        datapath.apply(KeyFiles.keys(B), DETECTED, APPLIED);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile().getParent()))).isEqualTo("rwx------");
        try (Stream<Path> inDirectory = Files.list(keyFile().getParent())) {
            assertThat(inDirectory).containsExactly(keyFile());
        }
    }

    @Test
    void evenUnderUmask000TheRelayedFileAndItsNewDirectoryAreOwnerOnly() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder("sh", "-c", "umask 000 && exec \"$0\" -cp \"$1\" \"$2\" \"$3\" \"$4\"",
                java, System.getProperty("java.class.path"), RelayWriteUnderUmask.class.getName(),
                keyFile().toString(), stateFile().toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
        assertThat(child.exitValue()).as("child exit; its output is in child.log").isZero();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile().getParent()))).isEqualTo("rwx------");
        assertThat(freshDatapath().lastApplied().map(AppliedKeys::activeSpi).map(Object::toString)).isEqualTo(Option.some("3"));
    }

    @Test
    void aReaderNeverSeesAPartialFile() throws Exception {
        DatapathPort datapath = freshDatapath();
        KeySet a = KeyFiles.keys(A);
        KeySet b = KeyFiles.keys(B);
        datapath.apply(a, DETECTED, APPLIED);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> partial = new ArrayList<>();
        int[] reads = {0};
        Thread reader = Thread.ofPlatform().start(() -> {
            while (writing.get()) {
                String seen = read(keyFile());
                reads[0]++;
                if (!seen.equals(A) && !seen.equals(B)) {
                    partial.add(seen.length() + " chars");
                }
            }
        });
        for (int i = 0; i < 60; i++) {
            datapath.apply(i % 2 == 0 ? b : a, DETECTED, APPLIED);
        }
        writing.set(false);
        reader.join();

        assertThat(partial).as("reads that were neither whole file, of %s", reads[0]).isEmpty();
        assertThat(reads[0]).isPositive();
    }

    @Test
    void applyingWhatTheFileAlreadyHoldsDoesNotRewriteIt() throws IOException {
        freshDatapath().apply(KeyFiles.keys(A), DETECTED, APPLIED);
        FileTime long_ago = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(keyFile(), long_ago);
        Object inode = Files.readAttributes(keyFile(), BasicFileAttributes.class).fileKey();

        DatapathPort restarted = restartedDatapath();
        assertThat(restarted.apply(KeyFiles.keys(A), DETECTED, APPLIED).isRight()).isTrue();

        assertThat(Files.getLastModifiedTime(keyFile())).isEqualTo(long_ago);
        assertThat(Files.readAttributes(keyFile(), BasicFileAttributes.class).fileKey()).isEqualTo(inode);
    }

    @Test
    void atStartTheRelayedFileSaysWhatIsAppliedEvenWithoutTheStateFile() throws IOException {
        freshDatapath().apply(KeyFiles.keys(B), DETECTED, APPLIED);
        Files.delete(stateFile());
        Instant written = Files.getLastModifiedTime(keyFile()).toInstant();

        Option<AppliedKeys> applied = restartedDatapath().lastApplied();

        assertThat(applied).isEqualTo(Option.some(new AppliedKeys(KeyFiles.keys(B).summaries(), written, written, Option.none())));
        assertThat(restartedDatapath().markPublished(KeyFiles.keys(B).activeSpi(), APPLIED).isRight()).isTrue();
        assertThat(restartedDatapath().lastApplied().flatMap(AppliedKeys::publishedAt)).isEqualTo(Option.some(APPLIED));
    }

    @Test
    void aStateFileOfOtherKeysDoesNotHideWhatTheRelayedFileHolds() throws IOException {
        freshDatapath().apply(KeyFiles.keys(B), DETECTED, APPLIED);
        FileSystemAdapters.stateFileDatapath(stateFile()).apply(KeyFiles.keys(A), DETECTED, APPLIED);

        assertThat(restartedDatapath().lastApplied().map(AppliedKeys::keys)).isEqualTo(Option.some(KeyFiles.keys(B).summaries()));
    }

    @Test
    void anInvalidOrMissingRelayedFileMeansNothingApplied() throws IOException {
        freshDatapath().apply(KeyFiles.keys(A), DETECTED, APPLIED);

        Files.writeString(keyFile(), "not a key file\n");
        assertThat(restartedDatapath().lastApplied()).isEqualTo(Option.none());

        Files.delete(keyFile());
        assertThat(restartedDatapath().lastApplied()).isEqualTo(Option.none());
    }

    @Test
    void keyMaterialGoesToTheRelayedFileOnly() {
        DatapathPort datapath = freshDatapath();
        datapath.apply(KeyFiles.keys(B), DETECTED, APPLIED);
        datapath.markPublished(KeyFiles.keys(B).activeSpi(), APPLIED);
        String hex = KeyFiles.aead(4, 12).split(" ")[2];

        for (Path file : files()) {
            assertThat(read(file).contains(hex)).as("%s holds the key", dir.relativize(file)).isEqualTo(file.equals(keyFile()));
        }
    }

    @Test
    void aDirectoryInTheWayIsAReasonNotAnException() throws IOException {
        Files.createDirectories(keyFile());

        assertThat(freshDatapath().lastApplied()).isEqualTo(Option.none());
        assertThat(freshDatapath().apply(KeyFiles.keys(A), DETECTED, APPLIED).swap().getOrNull())
                .startsWith(keyFile() + ": cannot write the relayed key file: ");
    }

    private List<Path> files() {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().equals("child.log")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
