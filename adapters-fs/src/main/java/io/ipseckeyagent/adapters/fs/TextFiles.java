package io.ipseckeyagent.adapters.fs;

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

/** Small UTF-8 text files an operator writes (the config file, a kubeconfig): read whole, or why not. */
final class TextFiles {
    private TextFiles() {}

    static Either<String, String> read(Path file, long maxBytes) {
        try {
            if (Files.isDirectory(file)) {
                return cannotRead(file, "it is a directory");
            }
            if (Files.size(file) > maxBytes) {
                return cannotRead(file, "larger than " + maxBytes + " bytes");
            }
            return Either.right(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString());
        } catch (NoSuchFileException e) {
            return cannotRead(file, "no such file");
        } catch (AccessDeniedException e) {
            return cannotRead(file, "permission denied");
        } catch (CharacterCodingException e) {
            return cannotRead(file, "not UTF-8 text");
        } catch (IOException e) {
            return cannotRead(file, e.getMessage());
        }
    }

    private static Either<String, String> cannotRead(Path file, String reason) {
        return Either.left("cannot read " + file + ": " + reason);
    }
}
