package io.ipseckeyagent.adapters.fs;

import io.ipseckeyagent.application.port.in.HandleKeyFileChangeUseCase;
import io.ipseckeyagent.application.port.out.DatapathPort;
import io.ipseckeyagent.application.port.out.KeyFileSourcePort;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The filesystem adapters: the key file source and watcher, the state-file datapath, and the reader
 * of the small files an operator writes (their text; a config file's YAML mapping). The one
 * public type of this package, free of Guice, so bootstrap, tests and the demo wire them alike.
 */
public final class FileSystemAdapters {
    /** How often the watcher checks the content even without file events (Cilium polls every 5 s too). */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

    public static final Path DEFAULT_STATE_FILE = Path.of("/var/run/ipsec-key-agent/state.json");

    /** Relay mode: the key file cilium-agent reads, on a hostPath that survives reboots (Cilium needs it to start). */
    public static final Path DEFAULT_RELAY_KEY_FILE = Path.of("/var/lib/ipsec-key-agent/keys");

    private FileSystemAdapters() {}

    /** Reads {@code keyFile} (symlinks followed) on every call, at most {@link KeyFileSourcePort#MAX_BYTES}. */
    public static KeyFileSourcePort keyFileSource(Path keyFile) {
        return new KeyFileSource(keyFile);
    }

    /**
     * A watcher that calls {@code onChange} each time the content of {@code keyFile} really changes,
     * seen through file events (unless {@code useEvents} is false) and a content check every
     * {@code pollInterval}. Call {@link KeyFileWatch#start()} before the agent's start use case, so
     * that no change can fall between the agent's first load and the watcher's baseline.
     */
    public static KeyFileWatch keyFileWatcher(Path keyFile, Duration pollInterval, boolean useEvents,
            HandleKeyFileChangeUseCase onChange) {
        return new KeyFileWatcher(keyFile, pollInterval, useEvents, onChange, DebounceWindow.DEFAULT,
                WatchHub::acquireShared);
    }

    /** A UTF-8 text file of at most {@code maxBytes}, or why it cannot be read ({@code cannot read FILE: reason}). */
    public static Either<String, String> readText(Path file, long maxBytes) {
        return TextFiles.read(file, maxBytes);
    }

    /**
     * The top-level entries of a YAML mapping an operator wrote (a config file), in the file's order,
     * each with its line and its value's YAML type; between them the problems, each saying
     * {@code file:line}: invalid YAML, not a mapping, a key that is not a string, a key given twice
     * (the first one counts). What the keys mean is the caller's to say.
     */
    public static List<Either<YamlProblem, YamlEntry>> readYamlMapping(Path file, String text) {
        return YamlMappings.read(file, text);
    }

    /** How YAML typed a value. {@code OTHER}: a scalar with an explicit tag of another type. */
    public enum YamlType { STRING, BOOLEAN, NUMBER, NULL, MAPPING, LIST, OTHER }

    /**
     * One entry of a YAML mapping.
     *
     * @param text the scalar's text as written; empty for a mapping or a list
     * @param description how a message names the value: {@code the string "x"}, {@code the number 3}, {@code a list}
     */
    public record YamlEntry(String key, int line, YamlType type, String text, String description) {}

    /** @param where {@code file:line}, {@code file:line: key}, or {@code file} when YAML gave no line */
    public record YamlProblem(String where, String message) {}

    /** A datapath that records what is applied in {@code stateFile}, replaced atomically, creating its directory. */
    public static DatapathPort stateFileDatapath(Path stateFile) {
        return new StateFileDatapath(stateFile);
    }

    /**
     * Relay mode's datapath: writes the applied keys as canonical Cilium key-file text to
     * {@code relayKeyFile} (owner-only, replaced atomically, not rewritten when equal) for
     * cilium-agent to load, and reads that file back at start to say what is applied. Times and the
     * adoption mark go to {@code stateFile}, which holds no key material.
     */
    public static DatapathPort relayDatapath(Path relayKeyFile, Path stateFile) {
        return new RelayKeyFileDatapath(relayKeyFile, stateFile);
    }

    /** A key file watcher. Its threads are daemons, shared with every other watcher of the JVM. */
    public interface KeyFileWatch extends AutoCloseable {
        /** Reads the baseline and starts watching; returns once the baseline is read. Never fails for file problems. */
        void start();

        /** Stops watching promptly; once it returns, no new call of the use case begins. */
        @Override
        void close();
    }
}
