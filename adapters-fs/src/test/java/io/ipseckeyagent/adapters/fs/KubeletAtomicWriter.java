package io.ipseckeyagent.adapters.fs;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Updates a directory the way kubelet's AtomicWriter updates a mounted Secret
 * (pkg/volume/util/atomic_writer.go): the files live in {@code ..2026_11_24_10_00_00.123456789},
 * {@code ..data} links to it, each user-visible name links to {@code ..data/name}. An update writes
 * a new timestamped directory, links {@code ..data_tmp} to it, renames that over {@code ..data},
 * adds missing user-visible links, removes links of names no longer in the payload, and deletes
 * the old directory. Like kubelet, it does nothing when the payload is unchanged.
 */
final class KubeletAtomicWriter {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("'..'yyyy_MM_dd_HH_mm_ss'.'");
    private static final String DATA = "..data";
    private static final String DATA_TMP = "..data_tmp";

    private final Path targetDir;

    KubeletAtomicWriter(Path targetDir) {
        this.targetDir = targetDir;
    }

    /** Writes {@code payload} (file name to content); returns false when it was already there. */
    boolean write(Map<String, byte[]> payload) throws IOException {
        Files.createDirectories(targetDir);
        Path dataDir = targetDir.resolve(DATA);
        Optional<Path> oldTsDir = Files.isSymbolicLink(dataDir)
                ? Optional.of(targetDir.resolve(Files.readSymbolicLink(dataDir)))
                : Optional.empty();
        if (oldTsDir.isPresent() && holdsExactly(oldTsDir.get(), payload)) {
            return false;
        }

        Path tsDir = newTimestampDir();
        for (Map.Entry<String, byte[]> file : payload.entrySet()) {
            Path path = tsDir.resolve(file.getKey());
            Files.write(path, file.getValue());
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--")); // defaultMode 0644
        }

        Path dataTmp = targetDir.resolve(DATA_TMP);
        Files.createSymbolicLink(dataTmp, tsDir.getFileName());
        Files.move(dataTmp, dataDir, StandardCopyOption.ATOMIC_MOVE); // rename(2): the swap

        for (String name : payload.keySet()) {
            Path visible = targetDir.resolve(name);
            if (!Files.isSymbolicLink(visible)) {
                Files.createSymbolicLink(visible, Path.of(DATA, name));
            }
        }
        if (oldTsDir.isPresent()) {
            for (String name : namesIn(oldTsDir.get())) {
                if (!payload.containsKey(name)) {
                    Files.deleteIfExists(targetDir.resolve(name));
                }
            }
            deleteRecursively(oldTsDir.get());
        }
        return true;
    }

    private Path newTimestampDir() throws IOException {
        String prefix = ZonedDateTime.now(ZoneOffset.UTC).format(TIMESTAMP);
        while (true) { // os.MkdirTemp: the prefix and a random number
            Path dir = targetDir.resolve(prefix + Integer.toUnsignedString(ThreadLocalRandom.current().nextInt()));
            try {
                Files.createDirectory(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                return dir;
            } catch (FileAlreadyExistsException e) {
                // try another name
            }
        }
    }

    private static boolean holdsExactly(Path dir, Map<String, byte[]> payload) throws IOException {
        if (!namesIn(dir).equals(payload.keySet())) {
            return false;
        }
        for (Map.Entry<String, byte[]> file : payload.entrySet()) {
            if (!Arrays.equals(Files.readAllBytes(dir.resolve(file.getKey())), file.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> namesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
