package io.ipseckeyagent.adapters.fs;

import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link WatchService} and two daemon threads shared by every key file watcher of the JVM: the
 * kernel allows few inotify instances per user (often 128) and the demo runs dozens of agents in
 * one JVM. The events thread only forwards; every watcher does its work on the checks thread.
 * Without a WatchService (limit reached, not supported) watchers poll only. Reference counted: the
 * last watcher to leave shuts it down.
 */
final class WatchHub {
    private static final Logger log = LoggerFactory.getLogger(WatchHub.class);

    private static WatchHub shared; // guarded by WatchHub.class

    private final WatchServiceOpener opener;
    private Option<WatchService> watchService = Option.none(); // guarded by this
    private boolean watchServiceTried; // guarded by this: opened on first use, so polling alone needs none
    private final ScheduledThreadPoolExecutor checks;
    private volatile Thread checksThread;
    private final Map<WatchKey, Set<Registration>> registrations = new HashMap<>(); // guarded by this
    private int users; // guarded by this
    private boolean shutDown; // guarded by this

    /** Opens a WatchService; may fail, e.g. at the inotify instance limit. */
    interface WatchServiceOpener {
        WatchService open() throws IOException;
    }

    /** A watched directory. Invalid once the directory is gone; then watch its replacement. */
    interface DirectoryWatch {
        boolean isValid();

        void cancel();
    }

    private WatchHub(WatchServiceOpener opener) {
        this.opener = opener;
        this.checks = new ScheduledThreadPoolExecutor(1, task -> {
            checksThread = daemon("ipsec-key-watch-checks", task);
            return checksThread;
        });
        checks.setRemoveOnCancelPolicy(true);
    }

    /** The JVM's shared hub, created on first use; {@link #release()} it when done. */
    static WatchHub acquireShared() {
        synchronized (WatchHub.class) {
            if (shared == null || !shared.retain()) {
                shared = open(FileSystems.getDefault()::newWatchService);
                shared.retain();
            }
            return shared;
        }
    }

    /** A hub of its own, with no user yet. */
    static WatchHub open(WatchServiceOpener opener) {
        return new WatchHub(opener);
    }

    /** Counts one more user; false if the hub has already shut down. */
    synchronized boolean retain() {
        if (shutDown) {
            return false;
        }
        users++;
        return true;
    }

    /** One user fewer; the last one shuts the hub down. */
    void release() {
        Option<WatchService> toClose;
        synchronized (this) {
            if (--users > 0 || shutDown) {
                return;
            }
            shutDown = true;
            toClose = watchService;
        }
        checks.shutdownNow();
        toClose.forEach(service -> Try.run(service::close));
    }

    /** Whether watchers get file events; opens the WatchService on first use. */
    boolean hasEvents() {
        return watchService().isDefined();
    }

    /** Calls {@code onEvent} (on the events thread; it must only hand over) when anything in {@code directory} changes. */
    Either<String, DirectoryWatch> watch(Path directory, Runnable onEvent) {
        return watchService().toEither("no watch service").flatMap(service -> register(service, directory, onEvent));
    }

    private synchronized Option<WatchService> watchService() {
        if (!watchServiceTried && !shutDown) {
            watchServiceTried = true;
            Either<String, WatchService> opened = Try.of(opener::open).toEither().mapLeft(IoReasons::of);
            opened.swap().forEach(reason -> log.warn("Cannot watch key files for changes ({}): they are polled only. "
                    + "If the inotify instance limit is reached, raise fs.inotify.max_user_instances", reason));
            opened.forEach(service -> daemon("ipsec-key-watch-events", () -> forwardEvents(service)).start());
            watchService = opened.toOption();
        }
        return watchService;
    }

    private synchronized Either<String, DirectoryWatch> register(WatchService service, Path directory, Runnable onEvent) {
        try {
            // The same directory registered twice yields the same key: several watchers share it.
            WatchKey key = directory.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
            Registration registration = new Registration(key, onEvent);
            registrations.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(registration);
            return Either.right(registration);
        } catch (IOException | ClosedWatchServiceException e) {
            return Either.left(IoReasons.of(e));
        }
    }

    private synchronized void cancel(Registration registration) {
        Set<Registration> sharing = registrations.get(registration.key);
        if (sharing != null && sharing.remove(registration) && sharing.isEmpty()) {
            registrations.remove(registration.key);
            registration.key.cancel();
        }
    }

    /** The single thread on which watchers check files and keep their state. */
    ScheduledExecutorService checks() {
        return checks;
    }

    /** Runs {@code task} on the checks thread and waits for it. */
    void runOnChecksThread(Runnable task) {
        if (Thread.currentThread() == checksThread) {
            task.run();
            return;
        }
        try {
            checks.submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("key file watcher task failed", e.getCause());
        }
    }

    private void forwardEvents(WatchService service) {
        while (true) {
            WatchKey key;
            try {
                key = service.take();
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            }
            key.pollEvents(); // which entry changed does not matter: each watcher re-reads its file
            boolean valid = key.reset();
            List<Registration> toNotify;
            synchronized (this) {
                toNotify = List.copyOf(registrations.getOrDefault(key, Set.of()));
                if (!valid) {
                    registrations.remove(key);
                }
            }
            toNotify.forEach(registration -> registration.notifyEvent());
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private final class Registration implements DirectoryWatch {
        private final WatchKey key;
        private final Runnable onEvent;

        Registration(WatchKey key, Runnable onEvent) {
            this.key = key;
            this.onEvent = onEvent;
        }

        @Override
        public boolean isValid() {
            return key.isValid();
        }

        @Override
        public void cancel() {
            WatchHub.this.cancel(this);
        }

        void notifyEvent() {
            try {
                onEvent.run();
            } catch (RuntimeException e) { // a watcher's bug must not stop the others' events
                log.error("Key file watcher failed to take an event", e);
            }
        }
    }
}
