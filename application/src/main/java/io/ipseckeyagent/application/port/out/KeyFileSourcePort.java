package io.ipseckeyagent.application.port.out;

import io.vavr.control.Either;

/** Where the key file's bytes come from. Implementations read at most {@link #MAX_BYTES}. */
public interface KeyFileSourcePort {
    int MAX_BYTES = 64 * 1024;

    /** A short human name of the source (a path), used in every message about the file. */
    String location();

    /** Reads the whole content, or says why it cannot; never throws for I/O problems. */
    Either<KeyFileReadFailure, KeyFileContent> read();
}
