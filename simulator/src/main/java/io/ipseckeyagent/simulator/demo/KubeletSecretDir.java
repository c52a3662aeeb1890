package io.ipseckeyagent.simulator.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A Secret volume written the way kubelet's atomic writer does it: the data in a new
 * {@code ..<timestamp>} directory, a {@code ..data} symlink to it renamed over the old one, and
 * {@code keys} a symlink to {@code ..data/keys}. Readers never see a half-written file.
 */
final class KubeletSecretDir {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy_MM_dd_HH_mm_ss.SSSSSSSSS");

    private final Path directory;
    private Path current;

    private KubeletSecretDir(Path directory) {
        this.directory = directory;
    }

    /** Creates the volume in {@code directory} holding {@code keys}. */
    static KubeletSecretDir create(Path directory, String keys) {
        KubeletSecretDir secret = new KubeletSecretDir(directory);
        secret.write(keys);
        try {
            Files.createSymbolicLink(directory.resolve("keys"), Path.of("..data", "keys"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return secret;
    }

    /** The key file the agents read: {@code <directory>/keys}. */
    Path keyFile() {
        return directory.resolve("keys");
    }

    /** Swaps in new content atomically, then removes the old timestamped directory. */
    void write(String keys) {
        try {
            Files.createDirectories(directory);
            Path stamped = directory.resolve(".." + LocalDateTime.now().format(STAMP));
            Files.createDirectory(stamped);
            Path file = Files.writeString(stamped.resolve("keys"), keys);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            Path link = directory.resolve("..data_tmp");
            Files.createSymbolicLink(link, stamped.getFileName());
            Files.move(link, directory.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (current != null) {
                deleteTree(current);
            }
            current = stamped;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
