package io.ipseckeyagent.adapters.fs;

import io.ipseckeyagent.application.port.in.HandleKeyFileChangeUseCase;
import io.ipseckeyagent.application.port.out.KeyFileReadFailure;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the agent when the key file's content really changed. Watches the directory holding the
 * key file (or its nearest existing ancestor) and the one its symlinks resolve to, re-resolving
 * both on every event, and checks the content every poll interval as a safety net. Compares a
 * SHA-256 of the content with the last reported one; the first reading at start is the baseline,
 * which the agent's start loads itself. All state lives on the hub's checks thread.
 */
final class KeyFileWatcher implements FileSystemAdapters.KeyFileWatch {
    private static final Logger log = LoggerFactory.getLogger(KeyFileWatcher.class);

    private final Path keyFile;
    private final KeyFileSource source;
    private final Duration pollInterval;
    private final boolean useEvents;
    private final HandleKeyFileChangeUseCase onChange;
    private final DebounceWindow debounce;
    private final Supplier<WatchHub> hubs;

    private volatile WatchHub hub; // set once, by start()
    private boolean started; // guarded by this
    private volatile boolean closed;

    // Touched on the checks thread only.
    private final Map<Path, WatchHub.DirectoryWatch> watches = new HashMap<>();
    private Either<KeyFileReadFailure, Checksum> lastReported;
    private ScheduledFuture<?> poll;
    private boolean checkPending;
    private long burstStartedAt;
    private long lastEventAt;
    private boolean watchFailureLogged;

    KeyFileWatcher(Path keyFile, Duration pollInterval, boolean useEvents, HandleKeyFileChangeUseCase onChange,
            DebounceWindow debounce, Supplier<WatchHub> hubs) {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive, was " + pollInterval);
        }
        this.keyFile = keyFile.toAbsolutePath();
        this.source = new KeyFileSource(this.keyFile);
        this.pollInterval = pollInterval;
        this.useEvents = useEvents;
        this.onChange = onChange;
        this.debounce = debounce;
        this.hubs = hubs;
    }

    @Override
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException("a key file watcher starts once, before it is closed");
        }
        started = true;
        hub = hubs.get();
        hub.runOnChecksThread(this::begin);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (hub != null) {
            hub.runOnChecksThread(this::end);
            hub.release();
        }
    }

    private void begin() {
        boolean events = eventsEnabled();
        if (events) {
            updateWatches();
        }
        lastReported = observe();
        lastReported.swap().forEach(failure -> log.warn("{}; watching for it to become a readable file",
                failure.message()));
        long interval = pollInterval.toNanos();
        poll = hub.checks().scheduleWithFixedDelay(guarded(this::check), interval, interval, TimeUnit.NANOSECONDS);
        log.info("Watching key file {} ({}, content check every {} ms)", keyFile,
                events ? "file events" : "no file events", pollInterval.toMillis());
    }

    private void end() {
        Option.of(poll).forEach(task -> task.cancel(false));
        watches.values().forEach(WatchHub.DirectoryWatch::cancel);
        watches.clear();
    }

    private boolean eventsEnabled() {
        return useEvents && hub.hasEvents();
    }

    /** On the events thread: hand over, nothing more. */
    private void eventSeen() {
        if (closed) {
            return;
        }
        try {
            hub.checks().execute(guarded(this::startOrExtendBurst));
        } catch (RejectedExecutionException e) {
            // the hub is shutting down: nothing left to watch for
        }
    }

    private void startOrExtendBurst() {
        lastEventAt = System.nanoTime();
        if (!checkPending) {
            checkPending = true;
            burstStartedAt = lastEventAt;
            hub.checks().schedule(guarded(this::checkWhenQuiet), debounce.quiet().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void checkWhenQuiet() {
        long wait = debounce.checkAt(burstStartedAt, lastEventAt) - System.nanoTime();
        if (wait > 0) {
            hub.checks().schedule(guarded(this::checkWhenQuiet), wait, TimeUnit.NANOSECONDS);
            return;
        }
        checkPending = false;
        check();
    }

    private void check() {
        if (closed) {
            return;
        }
        if (eventsEnabled()) {
            updateWatches();
        }
        Either<KeyFileReadFailure, Checksum> now = observe();
        if (now.equals(lastReported)) {
            return;
        }
        now.swap().forEach(failure -> log.warn("{}; the agent keeps its last good key, still watching",
                failure.message()));
        if (now.isRight() && lastReported.isLeft()) {
            log.info("Key file {} is readable now", keyFile);
        }
        lastReported = now;
        onChange.keyFileChanged();
    }

    private Either<KeyFileReadFailure, Checksum> observe() {
        return source.read().map(content -> Checksum.of(content.bytes()));
    }

    /** Watches what the key file's path resolves to now; symlinks may have moved since the last event. */
    private void updateWatches() {
        Set<Path> wanted = directoriesToWatch();
        watches.entrySet().removeIf(entry -> {
            boolean stale = !wanted.contains(entry.getKey()) || !entry.getValue().isValid();
            if (stale) {
                entry.getValue().cancel();
            }
            return stale;
        });
        for (Path directory : wanted) {
            if (!watches.containsKey(directory)) {
                hub.watch(directory, this::eventSeen)
                        .peek(watch -> watches.put(directory, watch))
                        .orElseRun(reason -> warnOnce(directory, reason));
            }
        }
    }

    /** The key file's directory, or its nearest ancestor while it does not exist; and where its symlinks lead. */
    private Set<Path> directoriesToWatch() {
        Set<Path> directories = new LinkedHashSet<>();
        Path directory = keyFile.getParent();
        while (directory.getParent() != null && !Files.isDirectory(directory)) {
            directory = directory.getParent();
        }
        directories.add(directory);
        Try.of(keyFile::toRealPath).toOption().map(Path::getParent).forEach(directories::add);
        return directories;
    }

    private void warnOnce(Path directory, String reason) {
        if (!watchFailureLogged) {
            watchFailureLogged = true;
            log.warn("Cannot watch {} for changes ({}); relying on the content check every {} ms", directory, reason,
                    pollInterval.toMillis());
        }
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) { // keep watching: a periodic task that throws never runs again
                log.error("Key file watcher for {} failed; it keeps watching", keyFile, e);
            }
        };
    }

    @Override
    public String toString() {
        return "KeyFileWatcher[" + keyFile + "]";
    }

    /** A SHA-256 of the key file's content; compared, never shown. */
    record Checksum(String sha256) {
        static Checksum of(byte[] content) {
            try {
                return new Checksum(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
        }

        @Override
        public String toString() {
            return "Checksum[redacted]";
        }
    }
}
