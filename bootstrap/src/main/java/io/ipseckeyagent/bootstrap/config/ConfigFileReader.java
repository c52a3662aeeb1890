package io.ipseckeyagent.bootstrap.config;

import io.ipseckeyagent.adapters.fs.FileSystemAdapters;
import io.vavr.control.Either;
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
        return file -> FileSystemAdapters.readText(file, MAX_BYTES);
    }
}
