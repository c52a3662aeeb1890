package io.ipseckeyagent.adapters.fs;

import io.ipseckeyagent.application.port.out.DatapathPort;
import io.ipseckeyagent.domain.key.KeyFileCheck;
import io.ipseckeyagent.domain.key.KeyFileParser;
import io.ipseckeyagent.domain.key.KeyFileRenderer;
import io.ipseckeyagent.domain.key.KeySet;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.domain.rotation.AppliedKeys;
import io.ipseckeyagent.domain.rotation.PendingChange;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relay mode's datapath: hands the validated keys to cilium-agent by replacing the key file it
 * reads, as canonical key-file text (one space between fields, LF line ends) that every Cilium
 * release parses alike. The file is replaced atomically (temp file in the same directory, fsync,
 * rename, fsync of the directory) and is owner-only from its creation, whatever the umask.
 *
 * <p>The key file is the truth of what is applied: {@link #lastApplied()} reads it back. Times and
 * the adoption mark, which the key file cannot hold, live in a state file without key material;
 * when that is missing or describes other keys, the key file's modification time stands in.
 */
final class RelayKeyFileDatapath implements DatapathPort {
    private static final Logger log = LoggerFactory.getLogger(RelayKeyFileDatapath.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final Path keyFile;
    private final StateFileDatapath state;

    RelayKeyFileDatapath(Path keyFile, Path stateFile) {
        this.keyFile = keyFile.toAbsolutePath();
        this.state = new StateFileDatapath(stateFile);
    }

    @Override
    public synchronized Either<String, AppliedKeys> apply(KeySet keys, Instant detectedAt, Instant appliedAt) {
        byte[] canonical = KeyFileRenderer.render(keys).getBytes(StandardCharsets.US_ASCII);
        boolean unchanged = currentContent().exists(content -> Arrays.equals(content, canonical));
        Either<String, AppliedKeys> written = unchanged
                ? Either.right(AppliedKeys.of(keys, detectedAt, appliedAt))
                : Try.run(() -> replaceAtomically(canonical))
                        .toEither()
                        .mapLeft(failure -> keyFile + ": cannot write the relayed key file: " + IoReasons.of(failure))
                        .map(done -> AppliedKeys.of(keys, detectedAt, appliedAt));
        // Cilium reads the key file only: a state file that cannot be written costs times, not the key.
        return written.peek(applied -> state.apply(keys, detectedAt, appliedAt)
                .peekLeft(problem -> log.warn("The relayed key file is written but its times are not recorded: {}", problem)));
    }

    // The rotation in progress is kept in the state file beside the relayed one: no key material.
    @Override
    public synchronized Either<String, PendingChange> recordPendingChange(PendingChange change) {
        return state.recordPendingChange(change);
    }

    @Override
    public synchronized Either<String, Option<PendingChange>> forgetPendingChange() {
        return state.forgetPendingChange();
    }

    @Override
    public synchronized Option<PendingChange> pendingChange() {
        return state.pendingChange();
    }

    @Override
    public synchronized Either<String, AppliedKeys> markPublished(Spi spi, Instant publishedAt) {
        return lastApplied()
                .toEither(() -> keyFile + ": no key relayed, so SPI " + spi + " cannot be marked adopted")
                .filterOrElse(current -> current.activeSpi().equals(spi),
                        current -> keyFile + ": SPI " + spi + " is not the relayed key (SPI " + current.activeSpi() + ")")
                .flatMap(current -> {
                    if (!state.lastApplied().exists(recorded -> recorded.keys().equals(current.keys()))) {
                        // The state file is gone or stale: record what the key file holds before marking it.
                        readKeys().forEach(relayed -> state.apply(relayed, current.detectedAt(), current.appliedAt()));
                    }
                    return state.markPublished(spi, publishedAt)
                            .mapLeft(problem -> keyFile + ": cannot record the adoption: " + problem);
                });
    }

    @Override
    public synchronized Option<AppliedKeys> lastApplied() {
        return readKeys().map(keys -> {
            AppliedKeys fromFile = AppliedKeys.of(keys, modified(), modified());
            return state.lastApplied()
                    .filter(recorded -> recorded.keys().equals(fromFile.keys()))
                    .getOrElse(fromFile);
        });
    }

    /** The relayed file's keys; none when there is no file or it is not a valid key file (then warned). */
    private Option<KeySet> readKeys() {
        return currentContent().flatMap(content -> {
            KeyFileCheck check = KeyFileParser.parse(content);
            if (!check.isValid()) {
                log.warn("Ignoring the relayed key file {}: it is not a valid key file ({} problems, first: {}); "
                        + "starting as if nothing was relayed", keyFile, check.errors().size(),
                        check.errors().headOption().map(Object::toString).getOrElse("?"));
            }
            return check.keySet();
        });
    }

    private Option<byte[]> currentContent() {
        try {
            if (Files.size(keyFile) > KeyFileParser.MAX_BYTES) {
                log.warn("Ignoring the relayed key file {}: larger than {} bytes", keyFile, KeyFileParser.MAX_BYTES);
                return Option.none();
            }
            return Option.some(Files.readAllBytes(keyFile));
        } catch (NoSuchFileException e) {
            return Option.none();
        } catch (IOException e) {
            log.warn("Cannot read the relayed key file {}: {}", keyFile, IoReasons.of(e));
            return Option.none();
        }
    }

    private Instant modified() {
        return Try.of(() -> Files.getLastModifiedTime(keyFile).toInstant()).getOrElse(Instant.EPOCH);
    }

    private void replaceAtomically(byte[] content) throws IOException {
        Path directory = keyFile.getParent();
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(directory)) {
            // Only what this agent creates is made owner-only; an existing directory is the operator's.
            Files.createDirectories(directory, posix ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY)} : new FileAttribute<?>[0]);
        }
        // Owner-only from creation (a umask only takes bits away), so no reader ever sees a wider mode.
        Path temp = posix
                ? Files.createTempFile(directory, "." + keyFile.getFileName() + ".", ".tmp",
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(directory, "." + keyFile.getFileName() + ".", ".tmp");
        AtomicReplace.replace(temp, keyFile, content, OWNER_ONLY);
    }

    @Override
    public String toString() {
        return "RelayKeyFileDatapath[" + keyFile + "]";
    }
}
