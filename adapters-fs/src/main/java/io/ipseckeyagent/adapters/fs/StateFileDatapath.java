package io.ipseckeyagent.adapters.fs;

import io.ipseckeyagent.application.port.out.DatapathPort;
import io.ipseckeyagent.domain.key.KeySet;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.domain.rotation.AppliedKeys;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A datapath that records what is applied in a JSON state file, replaced atomically (temp file,
 * fsync, rename, fsync of the directory), so a reader or a restarted agent never sees half a file.
 * The file is the whole state: a new instance on the same file continues where the last one stopped.
 */
final class StateFileDatapath implements DatapathPort {
    private static final Logger log = LoggerFactory.getLogger(StateFileDatapath.class);

    private final Path stateFile;

    StateFileDatapath(Path stateFile) {
        this.stateFile = stateFile.toAbsolutePath();
    }

    @Override
    public synchronized Either<String, AppliedKeys> apply(KeySet keys, Instant detectedAt, Instant appliedAt) {
        return write(new AppliedKeys(keys.summaries(), detectedAt, appliedAt, Option.none()));
    }

    @Override
    public synchronized Either<String, AppliedKeys> markPublished(Spi spi, Instant publishedAt) {
        return lastApplied()
                .toEither(() -> stateFile + ": no key applied, so SPI " + spi + " cannot be marked published")
                .filterOrElse(applied -> applied.activeSpi().equals(spi),
                        applied -> stateFile + ": SPI " + spi + " is not the applied key (SPI " + applied.activeSpi() + ")")
                .flatMap(applied -> write(applied.publishedAt(publishedAt)));
    }

    @Override
    public synchronized Option<AppliedKeys> lastApplied() {
        Either<String, AppliedKeys> read;
        try {
            read = StateFileFormat.decode(Files.readAllBytes(stateFile));
        } catch (NoSuchFileException e) {
            return Option.none();
        } catch (IOException e) {
            read = Either.left("cannot read: " + IoReasons.of(e));
        }
        read.swap().forEach(problem -> log.warn("Ignoring the state file {}: {}; starting as if nothing was applied",
                stateFile, problem));
        return read.toOption();
    }

    private Either<String, AppliedKeys> write(AppliedKeys applied) {
        return Try.run(() -> replaceAtomically(StateFileFormat.encode(applied)))
                .toEither()
                .mapLeft(failure -> stateFile + ": cannot write the state file: " + IoReasons.of(failure))
                .map(written -> applied);
    }

    private void replaceAtomically(byte[] content) throws IOException {
        Path directory = stateFile.getParent();
        Files.createDirectories(directory);
        Path temp = Files.createTempFile(directory, "." + stateFile.getFileName() + ".", ".tmp");
        try {
            if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // No secrets inside: operators and a co-located datapath may read it.
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, stateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(directory);
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

    @Override
    public String toString() {
        return "StateFileDatapath[" + stateFile + "]";
    }
}
