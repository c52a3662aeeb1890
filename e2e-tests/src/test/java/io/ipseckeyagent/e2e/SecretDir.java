package io.ipseckeyagent.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A mounted Secret holding one file, {@code keys}, updated as kubelet's AtomicWriter does: the
 * content lives in a {@code ..<timestamp>} directory, {@code ..data} links to it and {@code keys}
 * links to {@code ..data/keys}; an update writes a new directory, renames a new {@code ..data}
 * link over the old one, then deletes the old directory.
 */
final class SecretDir {
    private static final String DATA = "..data";
    private static final String FILE = "keys";

    private final Path dir;
    private int generation;

    SecretDir(Path dir) {
        this.dir = dir;
    }

    /** The path the agent reads, as {@code --ipsec-key-file}. */
    Path keyFile() {
        return dir.resolve(FILE);
    }

    /** Publishes new content with one atomic rename, as kubelet does. */
    void write(String content) {
        try {
            Files.createDirectories(dir);
            Path data = dir.resolve(DATA);
            Path old = Files.isSymbolicLink(data) ? dir.resolve(Files.readSymbolicLink(data)) : null;

            Path fresh = Files.createDirectory(dir.resolve("..2026_01_01_00_00_00." + ++generation));
            Files.writeString(fresh.resolve(FILE), content, StandardCharsets.UTF_8);
            Path tmp = Files.createSymbolicLink(dir.resolve("..data_tmp"), fresh.getFileName());
            Files.move(tmp, data, StandardCopyOption.ATOMIC_MOVE);
            if (!Files.isSymbolicLink(keyFile())) {
                Files.createSymbolicLink(keyFile(), Path.of(DATA, FILE));
            }
            if (old != null) {
                deleteRecursively(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
