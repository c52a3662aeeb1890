package io.ipseckeyagent.adapters.fs;

import io.ipseckeyagent.testkit.KeyFiles;
import java.nio.file.Path;
import java.time.Instant;

/** A child process for {@link RelayKeyFileDatapathTest}: relays one key set, started under {@code umask 000}. */
final class RelayWriteUnderUmask {
    private RelayWriteUnderUmask() {}

    public static void main(String[] args) {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        FileSystemAdapters.relayDatapath(Path.of(args[0]), Path.of(args[1]))
                .apply(KeyFiles.keys(KeyFiles.aead(3, 7) + "\n"), now, now)
                .getOrElseThrow(reason -> new IllegalStateException(reason));
    }
}
