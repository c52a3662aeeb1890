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
 * Readable by the agent's own group is no warning: Kubernetes gives a Secret volume's files the
 * pod's {@code fsGroup} (mode 0440 with {@code defaultMode: 0400}), and the agent is in that group.
 */
final class KeyFileSource implements KeyFileSourcePort {
    private final Path keyFile;
    private final Set<Integer> agentGroups;

    KeyFileSource(Path keyFile) {
        this(keyFile, ProcessGroups.current());
    }

    /** {@code agentGroups}: the group ids of this process (primary and supplementary, fsGroup among them). */
    KeyFileSource(Path keyFile, Set<Integer> agentGroups) {
        this.keyFile = keyFile;
        this.agentGroups = Set.copyOf(agentGroups);
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
            return Either.right(new KeyFileContent(bytes, permissionWarnings(attributes).appendAll(placeWarnings())));
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
        boolean others = permissions.contains(PosixFilePermission.OTHERS_READ);
        boolean foreignGroup = permissions.contains(PosixFilePermission.GROUP_READ) && !ownedByAgentGroup();
        if (!foreignGroup && !others) {
            return List.empty();
        }
        String who = foreignGroup && others ? "group and others" : foreignGroup ? "a group the agent is not in" : "others";
        return List.of(location() + " is readable by " + who + " (" + PosixFilePermissions.toString(permissions)
                + "); a key file should be readable by its owner only, or by the agent's own group (mode 0400, 0600 or 0440)");
    }

    /**
     * Kubelet's links ({@code keys -> ..data/keys -> ..2026_../keys}) stay inside the Secret's
     * directory; a link out of it (a hand-made link to an old copy?) is loaded, but said.
     */
    private List<String> placeWarnings() throws IOException {
        Path directory = keyFile.toAbsolutePath().getParent();
        if (directory == null) {
            return List.empty();
        }
        Path resolved = keyFile.toRealPath();
        return resolved.startsWith(directory.toRealPath()) ? List.empty()
                : List.of(location() + " resolves to " + resolved + ", outside its directory " + directory
                        + "; a Secret volume's links stay inside it");
    }

    /** Whether the file's group is one of this process's groups; unknown counts as not. */
    private boolean ownedByAgentGroup() {
        try {
            return Files.getAttribute(keyFile, "unix:gid") instanceof Integer gid && agentGroups.contains(gid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "KeyFileSource[" + keyFile + "]";
    }
}
