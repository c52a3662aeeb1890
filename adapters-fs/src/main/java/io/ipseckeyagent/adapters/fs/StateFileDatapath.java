package io.ipseckeyagent.adapters.fs;

import io.ipseckeyagent.application.port.out.DatapathPort;
import io.ipseckeyagent.domain.key.KeySet;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.domain.rotation.AppliedKeys;
import io.ipseckeyagent.domain.rotation.PendingChange;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A datapath that records what is applied in a JSON state file, replaced atomically (temp file,
 * fsync, rename, fsync of the directory), so a reader or a restarted agent never sees half a file.
 * The file is the whole state: a new instance on the same file continues where the last one stopped.
 */
final class StateFileDatapath implements DatapathPort {
    private static final Logger log = LoggerFactory.getLogger(StateFileDatapath.class);

    // No secrets inside, yet no one else's business: the owner and its group (a co-located datapath) only.
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r-----");
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwxr-x---");

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
        // Keeps a pending change: a change seen while this SPI was being published is still to rotate.
        return state()
                .toEither(() -> stateFile + ": no key applied, so SPI " + spi + " cannot be marked published")
                .filterOrElse(current -> current.applied().activeSpi().equals(spi),
                        current -> stateFile + ": SPI " + spi + " is not the applied key (SPI "
                                + current.applied().activeSpi() + ")")
                .flatMap(current -> write(new StateFileFormat.State(current.applied().publishedAt(publishedAt),
                        current.pending())))
                .map(StateFileFormat.State::applied);
    }

    @Override
    public synchronized Option<AppliedKeys> lastApplied() {
        return state().map(StateFileFormat.State::applied);
    }

    @Override
    public synchronized Either<String, PendingChange> recordPendingChange(PendingChange change) {
        return lastApplied()
                .toEither(() -> stateFile + ": no key applied, so no rotation away from it can be recorded")
                .flatMap(applied -> write(new StateFileFormat.State(applied, Option.some(change))))
                .map(written -> change);
    }

    @Override
    public synchronized Either<String, Option<PendingChange>> forgetPendingChange() {
        // Nothing to drop: no write.
        return state().filter(current -> current.pending().isDefined()).fold(
                () -> Either.right(Option.none()),
                current -> write(new StateFileFormat.State(current.applied(), Option.none()))
                        .map(written -> current.pending()));
    }

    @Override
    public synchronized Option<PendingChange> pendingChange() {
        return state().flatMap(StateFileFormat.State::pending);
    }

    private Option<StateFileFormat.State> state() {
        Either<String, StateFileFormat.State> read;
        try {
            read = StateFileFormat.decodeState(Files.readAllBytes(stateFile));
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
        return write(new StateFileFormat.State(applied, Option.none())).map(StateFileFormat.State::applied);
    }

    private Either<String, StateFileFormat.State> write(StateFileFormat.State applied) {
        return Try.run(() -> replaceAtomically(StateFileFormat.encode(applied)))
                .toEither()
                .mapLeft(failure -> stateFile + ": cannot write the state file: " + IoReasons.of(failure))
                .map(written -> applied);
    }

    private void replaceAtomically(byte[] content) throws IOException {
        Path directory = stateFile.getParent();
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(directory)) {
            // The mode is given at creation (a umask only takes bits away); an existing directory is the operator's.
            Files.createDirectories(directory, posix ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(DIRECTORY_MODE)} : new FileAttribute<?>[0]);
        }
        Path temp = Files.createTempFile(directory, "." + stateFile.getFileName() + ".", ".tmp");
        AtomicReplace.replace(temp, stateFile, content, FILE_MODE);
    }

    @Override
    public String toString() {
        return "StateFileDatapath[" + stateFile + "]";
    }
}
