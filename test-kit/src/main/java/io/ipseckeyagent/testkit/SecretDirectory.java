package io.ipseckeyagent.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A directory laid out as kubelet mounts a Secret: {@code keys -> ..data/keys}, {@code ..data -> ..N}.
 * An update writes a new {@code ..N} and renames a new link over {@code ..data}, as kubelet's atomic
 * writer does (old directories are left behind, which kubelet would delete). The key file is mode
 * 0400, as an agent running as the Secret's owner would see it.
 */
public final class SecretDirectory {
    private final Path dir;
    private final AtomicInteger version = new AtomicInteger();

    public SecretDirectory(Path dir) {
        this.dir = dir;
    }

    /** Where the agent reads the key file. */
    public Path keyFile() {
        return dir.resolve("keys");
    }

    /** Replaces the key file's content atomically. */
    public void write(String keys) throws IOException {
        Files.createDirectories(dir);
        Path versionDir = Files.createDirectory(dir.resolve("..v" + version.incrementAndGet()));
        Files.writeString(versionDir.resolve("keys"), keys);
        Files.setPosixFilePermissions(versionDir.resolve("keys"), PosixFilePermissions.fromString("r--------"));
        Path dataTmp = Files.createSymbolicLink(dir.resolve("..data_tmp"), versionDir.getFileName());
        Files.move(dataTmp, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
        if (!Files.isSymbolicLink(keyFile())) {
            Files.createSymbolicLink(keyFile(), Path.of("..data", "keys"));
        }
    }
}
