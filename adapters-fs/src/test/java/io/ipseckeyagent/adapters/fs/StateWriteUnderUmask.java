package io.ipseckeyagent.adapters.fs;

import io.ipseckeyagent.testkit.KeyFiles;
import java.nio.file.Path;
import java.time.Instant;

/** A child process for {@link StateFileDatapathTest}: applies one key set, started under {@code umask 000}. */
final class StateWriteUnderUmask {
    private StateWriteUnderUmask() {}

    public static void main(String[] args) {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        FileSystemAdapters.stateFileDatapath(Path.of(args[0]))
                .apply(KeyFiles.keys(KeyFiles.aead(3, 7) + "\n"), now, now)
                .getOrElseThrow(reason -> new IllegalStateException(reason));
    }
}
