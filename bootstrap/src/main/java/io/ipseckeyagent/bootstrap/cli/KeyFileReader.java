package io.ipseckeyagent.bootstrap.cli;

import io.ipseckeyagent.domain.key.KeyFileParser;
import io.ipseckeyagent.domain.key.KeyFileProblem;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a key file for {@code check-keys}: follows symlinks, as a mounted Secret needs, and reads
 * at most one byte more than the limit, so a huge file is refused without reading it all.
 */
final class KeyFileReader {
    private KeyFileReader() {}

    static Either<KeyFileProblem, byte[]> read(String file) {
        try {
            Path path = Path.of(file);
            if (!Files.exists(path)) {
                return problem("no such file");
            }
            if (!Files.isRegularFile(path)) {
                return problem("not a regular file");
            }
            try (InputStream in = Files.newInputStream(path)) {
                byte[] bytes = in.readNBytes(KeyFileParser.MAX_BYTES + 1);
                return bytes.length > KeyFileParser.MAX_BYTES
                        ? problem("file is " + Math.max(bytes.length, Files.size(path)) + " bytes, more than the "
                                + KeyFileParser.MAX_BYTES + " bytes allowed")
                        : Either.right(bytes);
            }
        } catch (InvalidPathException e) {
            return problem("not a valid path");
        } catch (NoSuchFileException e) {
            return problem("no such file");
        } catch (AccessDeniedException e) {
            return problem("cannot read: permission denied");
        } catch (IOException e) {
            return problem("cannot read: " + e.getClass().getSimpleName());
        }
    }

    private static Either<KeyFileProblem, byte[]> problem(String message) {
        return Either.left(KeyFileProblem.ofFile(message));
    }
}
