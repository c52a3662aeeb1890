package io.ipseckeyagent.adapters.fs;

import io.ipseckeyagent.application.port.out.KeyFileContent;
import io.ipseckeyagent.application.port.out.KeyFileReadFailure;
import io.ipseckeyagent.application.port.out.KeyFileSourcePort;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Reads the key file from the local file system, following symlinks (kubelet's {@code keys} ->
 * {@code ..data/keys}), never more than {@link #MAX_BYTES}, and warns when others may read it.
 */
final class KeyFileSource implements KeyFileSourcePort {
    private final Path keyFile;

    KeyFileSource(Path keyFile) {
        this.keyFile = keyFile;
    }

    @Override
    public String location() {
        return keyFile.toString();
    }

    @Override
    public Either<KeyFileReadFailure, KeyFileContent> read() {
        try {
            BasicFileAttributes attributes = readAttributes();
            if (!attributes.isRegularFile()) {
                return Either.left(new KeyFileReadFailure.NotAFile(location()));
            }
            if (attributes.size() > MAX_BYTES) {
                return Either.left(new KeyFileReadFailure.TooLarge(location(), attributes.size(), MAX_BYTES));
            }
            byte[] bytes = readAtMost(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) { // it grew after the size check
                return Either.left(new KeyFileReadFailure.TooLarge(location(), bytes.length, MAX_BYTES));
            }
            return Either.right(new KeyFileContent(bytes, permissionWarnings(attributes)));
        } catch (NoSuchFileException e) {
            return Either.left(new KeyFileReadFailure.Missing(location()));
        } catch (IOException e) {
            return Either.left(new KeyFileReadFailure.Unreadable(location(), IoReasons.of(e)));
        }
    }

    private BasicFileAttributes readAttributes() throws IOException {
        return keyFile.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? Files.readAttributes(keyFile, PosixFileAttributes.class)
                : Files.readAttributes(keyFile, BasicFileAttributes.class);
    }

    private byte[] readAtMost(int limit) throws IOException {
        try (InputStream in = Files.newInputStream(keyFile)) {
            return in.readNBytes(limit);
        }
    }

    private List<String> permissionWarnings(BasicFileAttributes attributes) {
        if (!(attributes instanceof PosixFileAttributes posix)) {
            return List.empty();
        }
        Set<PosixFilePermission> permissions = posix.permissions();
        boolean group = permissions.contains(PosixFilePermission.GROUP_READ);
        boolean others = permissions.contains(PosixFilePermission.OTHERS_READ);
        if (!group && !others) {
            return List.empty();
        }
        String who = group && others ? "group and others" : group ? "group" : "others";
        return List.of(location() + " is readable by " + who + " (" + PosixFilePermissions.toString(permissions)
                + "); a key file should be readable by its owner only (mode 0400 or 0600)");
    }

    @Override
    public String toString() {
        return "KeyFileSource[" + keyFile + "]";
    }
}
