package io.ipseckeyagent.standins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
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
 * A mounted Secret, updated the way kubelet's AtomicWriter updates it
 * (pkg/volume/util/atomic_writer.go): the files live in {@code ..2026_11_24_10_00_00.123456789},
 * {@code ..data} links to it, each user-visible name links to {@code ..data/name}. An update writes
 * a new timestamped directory, links {@code ..data_tmp} to it, renames that over {@code ..data}
 * (the one atomic step readers can see), adds missing user-visible links, removes links of names no
 * longer in the payload and deletes the old directory. Like kubelet, it does nothing when the
 * payload is unchanged. Files get the volume's {@code defaultMode}: 0400 unless told otherwise, as an
 * agent running as the Secret's owner should see its key file.
 */
public final class KubeletSecretVolume {
    /** The file name the agent's key Secret uses. */
    public static final String KEY_FILE = "keys";

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("'..'yyyy_MM_dd_HH_mm_ss'.'");
    private static final String DATA = "..data";
    private static final String DATA_TMP = "..data_tmp";

    private final Path directory;
    private final String defaultMode;

    /** A volume at {@code directory} (created on the first write) with files of mode 0400. */
    public KubeletSecretVolume(Path directory) {
        this(directory, "r--------");
    }

    private KubeletSecretVolume(Path directory, String defaultMode) {
        this.directory = directory;
        this.defaultMode = defaultMode;
    }

    /** The same volume with another {@code defaultMode}, in {@code rwxr-x---} form. */
    public KubeletSecretVolume withDefaultMode(String permissions) {
        PosixFilePermissions.fromString(permissions); // fails now on a typo, not at the first write
        return new KubeletSecretVolume(directory, permissions);
    }

    public Path directory() {
        return directory;
    }

    /** Where the agent reads its keys: {@code <directory>/keys}. */
    public Path keyFile() {
        return directory.resolve(KEY_FILE);
    }

    /** Publishes {@code keys} as the only file, {@code keys}; returns false when it was there already. */
    public boolean write(String keys) {
        return write(Map.of(KEY_FILE, keys.getBytes(StandardCharsets.UTF_8)));
    }

    /** Publishes {@code payload} (file name to content); returns false when it was there already. */
    public boolean write(Map<String, byte[]> payload) {
        try {
            return swapIn(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean swapIn(Map<String, byte[]> payload) throws IOException {
        Files.createDirectories(directory);
        Path dataDir = directory.resolve(DATA);
        Optional<Path> oldTsDir = Files.isSymbolicLink(dataDir)
                ? Optional.of(directory.resolve(Files.readSymbolicLink(dataDir)))
                : Optional.empty();
        if (oldTsDir.isPresent() && holdsExactly(oldTsDir.get(), payload)) {
            return false;
        }

        Path tsDir = newTimestampDir();
        for (Map.Entry<String, byte[]> file : payload.entrySet()) {
            Path path = Files.write(tsDir.resolve(file.getKey()), file.getValue());
            setMode(path, defaultMode);
        }

        Path dataTmp = directory.resolve(DATA_TMP);
        Files.createSymbolicLink(dataTmp, tsDir.getFileName());
        Files.move(dataTmp, dataDir, StandardCopyOption.ATOMIC_MOVE); // rename(2): the swap

        for (String name : payload.keySet()) {
            Path visible = directory.resolve(name);
            if (!Files.isSymbolicLink(visible)) {
                Files.createSymbolicLink(visible, Path.of(DATA, name));
            }
        }
        if (oldTsDir.isPresent()) {
            for (String name : namesIn(oldTsDir.get())) {
                if (!payload.containsKey(name)) {
                    Files.deleteIfExists(directory.resolve(name));
                }
            }
            deleteRecursively(oldTsDir.get());
        }
        return true;
    }

    private Path newTimestampDir() throws IOException {
        String prefix = ZonedDateTime.now(ZoneOffset.UTC).format(TIMESTAMP);
        while (true) { // os.MkdirTemp: the prefix and a random number
            Path dir = directory.resolve(prefix + Integer.toUnsignedString(ThreadLocalRandom.current().nextInt()));
            try {
                Files.createDirectory(dir);
                setMode(dir, "rwxr-xr-x");
                return dir;
            } catch (FileAlreadyExistsException e) {
                // try another name
            }
        }
    }

    private static void setMode(Path path, String permissions) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
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
