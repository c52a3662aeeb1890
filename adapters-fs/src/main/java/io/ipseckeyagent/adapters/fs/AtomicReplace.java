package io.ipseckeyagent.adapters.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way this module replaces a file: write a temporary file beside it, fsync, rename over the
 * target, fsync the directory. A reader sees the old content or the new, never a part; a crash
 * leaves one of the two.
 */
final class AtomicReplace {
    private static final Logger log = LoggerFactory.getLogger(AtomicReplace.class);

    private AtomicReplace() {}

    /**
     * Sets {@code mode} on {@code temp} (where the file system has POSIX modes; a umask only takes
     * bits away), writes {@code content} to it, then moves it over {@code target}; {@code temp} never
     * outlives the call.
     */
    static void replace(Path temp, Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        try {
            if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temp, mode);
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(target.toAbsolutePath().getParent());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Makes the rename itself durable; best effort where a directory cannot be opened. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.debug("Cannot fsync directory {}: {}", directory, IoReasons.of(e));
        }
    }
}
