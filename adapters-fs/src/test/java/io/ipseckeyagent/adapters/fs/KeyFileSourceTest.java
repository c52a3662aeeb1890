package io.ipseckeyagent.adapters.fs;

import io.ipseckeyagent.standins.KubeletSecretVolume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.ipseckeyagent.testkit.contract.KeyFileSourcePortContract;
import io.ipseckeyagent.application.port.out.KeyFileContent;
import io.ipseckeyagent.application.port.out.KeyFileReadFailure;
import io.ipseckeyagent.application.port.out.KeyFileSourcePort;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileSourceTest extends KeyFileSourcePortContract {

    @TempDir
    Path dir;

    private Path keyFile() {
        return dir.resolve("keys");
    }

    @Override
    protected KeyFileSourcePort sourceHolding(byte[] content) {
        write(keyFile(), content);
        return FileSystemAdapters.keyFileSource(keyFile());
    }

    @Override
    protected void replaceContent(KeyFileSourcePort source, byte[] content) {
        write(keyFile(), content);
    }

    @Override
    protected KeyFileSourcePort sourceOfMissingFile() {
        return FileSystemAdapters.keyFileSource(keyFile());
    }

    @Override
    protected KeyFileSourcePort sourceOfSize(long size) {
        try (RandomAccessFile file = new RandomAccessFile(keyFile().toFile(), "rw")) {
            file.setLength(size); // sparse: costs no disk
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return FileSystemAdapters.keyFileSource(keyFile());
    }

    @Test
    void followsKubeletsSymlinks() throws IOException {
        new KubeletSecretVolume(dir).write(Map.of("keys", KEY_LINE));

        byte[] read = FileSystemAdapters.keyFileSource(keyFile()).read().map(KeyFileContent::bytes).getOrNull();

        assertThat(Files.isSymbolicLink(keyFile())).isTrue();
        assertThat(Arrays.equals(read, KEY_LINE)).as("reads the file behind ..data/keys").isTrue();
    }

    @Test
    void kubeletsSymlinksInsideTheSecretDirectoryAreNoWarning() throws IOException {
        new KubeletSecretVolume(dir).write(Map.of("keys", KEY_LINE));
        Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString("r--------")); // follows the links

        KeyFileContent read = FileSystemAdapters.keyFileSource(keyFile()).read().getOrNull();

        assertThat(read.warnings()).isEmpty();
    }

    @Test
    void aKeyFileThatResolvesOutsideItsSecretDirectoryIsLoadedButWarnedAbout() throws IOException {
        Path secret = Files.createDirectories(dir.resolve("secret"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere")).resolve("old-keys");
        write(elsewhere, KEY_LINE);
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("r--------"));
        Files.createSymbolicLink(secret.resolve("keys"), Path.of("../elsewhere/old-keys"));

        KeyFileContent read = FileSystemAdapters.keyFileSource(secret.resolve("keys")).read().getOrNull();

        assertThat(Arrays.equals(read.bytes(), KEY_LINE)).as("still loaded").isTrue();
        assertThat(read.warnings()).singleElement().asString()
                .contains(secret.resolve("keys").toString())
                .contains("resolves to " + elsewhere.toRealPath())
                .contains("outside its directory " + secret);
    }

    @Test
    void warnsWhenAGroupTheAgentIsNotInOrOthersMayReadTheFile() throws IOException {
        write(keyFile(), KEY_LINE);
        KeyFileSourcePort source = new KeyFileSource(keyFile(), java.util.Set.of()); // the file's group is not the agent's

        Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString("rw-------"));
        assertThat(source.read().map(KeyFileContent::warnings).getOrNull()).isEmpty();

        Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString("r--r-----"));
        assertThat(source.read().map(KeyFileContent::warnings).getOrNull()).singleElement().asString()
                .contains(keyFile().toString(), "readable by a group the agent is not in (r--r-----)");

        Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(source.read().map(KeyFileContent::warnings).getOrNull()).singleElement().asString()
                .contains("readable by group and others", "0400, 0600 or 0440");
    }

    /** What Kubernetes does with defaultMode 0400 and the pod's fsGroup: mode 0440, group fsGroup. */
    @Test
    void readableByTheAgentsOwnGroupIsNoWarningButOthersStillAre() throws IOException {
        write(keyFile(), KEY_LINE);
        int fileGroup = (Integer) Files.getAttribute(keyFile(), "unix:gid");
        KeyFileSourcePort source = new KeyFileSource(keyFile(), java.util.Set.of(4242, fileGroup));

        Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString("r--r-----"));
        assertThat(source.read().map(KeyFileContent::warnings).getOrNull()).isEmpty();

        Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString("r--r--r--"));
        assertThat(source.read().map(KeyFileContent::warnings).getOrNull()).singleElement().asString()
                .contains("readable by others (r--r--r--)");
    }

    @Test
    void theShippedDefaultReadsThisProcesssGroupsSoAFileOfItsOwnGroupIsQuiet() throws IOException {
        KeyFileSourcePort source = sourceHolding(KEY_LINE); // created by this process: its group is ours
        Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString("r--r-----"));

        assertThat(source.read().map(KeyFileContent::warnings).getOrNull()).isEmpty();
    }

    @Test
    void processGroupsComeFromGidAndGroupsLines() {
        assertThat(ProcessGroups.parse(java.util.List.of("Name:\tjava", "Gid:\t1000\t1000\t1000\t1000",
                "Groups:\t2000 65534 ", "Uid:\t0\t0\t0\t0"))).containsExactlyInAnyOrder(1000, 2000, 65534);
        assertThat(ProcessGroups.parse(java.util.List.of("Groups:\t"))).isEmpty();
    }

    @Test
    void aDirectoryIsNotAFile() throws IOException {
        Files.createDirectory(keyFile());

        assertThat(FileSystemAdapters.keyFileSource(keyFile()).read().swap().getOrNull())
                .isEqualTo(new KeyFileReadFailure.NotAFile(keyFile().toString()));
    }

    @Test
    void aDanglingSymlinkIsMissing() throws IOException {
        Files.createSymbolicLink(keyFile(), Path.of("..data/keys"));

        assertThat(FileSystemAdapters.keyFileSource(keyFile()).read().swap().getOrNull())
                .isEqualTo(new KeyFileReadFailure.Missing(keyFile().toString()));
    }

    @Test
    void aSymlinkLoopIsUnreadableWithTheReason() throws IOException {
        Files.createSymbolicLink(keyFile(), keyFile());

        KeyFileReadFailure failure = FileSystemAdapters.keyFileSource(keyFile()).read().swap().getOrNull();

        assertThat(failure).isInstanceOf(KeyFileReadFailure.Unreadable.class);
        assertThat(failure.message()).startsWith(keyFile() + ": cannot read: ").containsIgnoringCase("symbolic links");
    }

    @Test
    void aFileWithoutReadPermissionIsUnreadable() throws IOException {
        sourceHolding(KEY_LINE);
        Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(keyFile()), "root reads every file");

        assertThat(FileSystemAdapters.keyFileSource(keyFile()).read().swap().getOrNull())
                .isEqualTo(new KeyFileReadFailure.Unreadable(keyFile().toString(), "permission denied"));
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
