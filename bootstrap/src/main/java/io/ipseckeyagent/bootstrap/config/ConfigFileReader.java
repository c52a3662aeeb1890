package io.ipseckeyagent.bootstrap.config;

import io.vavr.control.Either;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the {@code --config} file's text; a port of its own so resolution stays testable without disks. */
@FunctionalInterface
public interface ConfigFileReader {
    /** Config files are small; a larger one is a mistake (a wrong path), not configuration. */
    long MAX_BYTES = 1 << 20;

    /** The file's text, or why it could not be read. */
    Either<String, String> read(Path file);

    /** Reads from the local file system, as UTF-8. */
    static ConfigFileReader fromFileSystem() {
        return file -> {
            try {
                if (Files.isDirectory(file)) {
                    return Either.left("cannot read " + file + ": it is a directory");
                }
                if (Files.size(file) > MAX_BYTES) {
                    return Either.left("cannot read " + file + ": larger than " + MAX_BYTES + " bytes");
                }
                byte[] bytes = Files.readAllBytes(file);
                return Either.right(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString());
            } catch (NoSuchFileException e) {
                return Either.left("cannot read " + file + ": no such file");
            } catch (AccessDeniedException e) {
                return Either.left("cannot read " + file + ": permission denied");
            } catch (CharacterCodingException e) {
                return Either.left("cannot read " + file + ": not UTF-8 text");
            } catch (IOException e) {
                return Either.left("cannot read " + file + ": " + e.getMessage());
            }
        };
    }
}
