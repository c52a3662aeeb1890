package io.ipseckeyagent.adapters.fs;

import static io.ipseckeyagent.adapters.fs.KeyFileWatcherTest.awaitCalls;
import static io.ipseckeyagent.adapters.fs.KeyFileWatcherTest.eventually;
import static io.ipseckeyagent.adapters.fs.KeyFileWatcherTest.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.adapters.fs.KeyFileWatcherTest.Changes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many watchers in one JVM, as in the demo: one WatchService, two threads, gone when the last watcher closes. */
class WatchHubTest {
    private static final Duration EVENTS_ONLY = Duration.ofHours(1);

    @TempDir
    Path dir;

    private final List<FileSystemAdapters.KeyFileWatch> watchers = new ArrayList<>();

    @AfterEach
    void closeWatchers() {
        watchers.forEach(FileSystemAdapters.KeyFileWatch::close);
    }

    @Test
    void moreWatchersThanTheInotifyInstanceLimitAllSeeEvents() throws IOException {
        List<Path> keyFiles = new ArrayList<>();
        List<Changes> changes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Path keyFile = write(Files.createDirectory(dir.resolve("node-" + i)).resolve("keys"), "v1");
            keyFiles.add(keyFile);
            changes.add(watch(keyFile));
        }
        assertThat(watchThreads()).containsExactlyInAnyOrder("ipsec-key-watch-events", "ipsec-key-watch-checks");

        for (Path keyFile : keyFiles) {
            write(keyFile, "v2");
        }

        changes.forEach(change -> awaitCalls(change, 1, "v2"));
    }

    @Test
    void watchersOfOneDirectoryLeaveIndependently() throws IOException {
        Path keyFile = write(dir.resolve("keys"), "v1");
        Changes first = watch(keyFile);
        Changes second = watch(keyFile);

        watchers.get(0).close();
        write(keyFile, "v2");

        awaitCalls(second, 1, "v2");
        assertThat(first.calls()).isZero();
    }

    @Test
    void pollingOnlyOpensNoWatchService() throws IOException {
        Path keyFile = write(dir.resolve("keys"), "v1");
        Changes changes = new Changes(keyFile);
        FileSystemAdapters.KeyFileWatch watcher =
                FileSystemAdapters.keyFileWatcher(keyFile, Duration.ofMillis(100), false, changes);
        watchers.add(watcher);
        watcher.start();

        write(keyFile, "v2");

        awaitCalls(changes, 1, "v2");
        eventually().untilAsserted(() -> assertThat(watchThreads()).containsExactly("ipsec-key-watch-checks"));
    }

    @Test
    void theThreadsEndWhenTheLastWatcherCloses() throws IOException {
        watch(write(dir.resolve("keys"), "v1"));
        watch(dir.resolve("missing/keys"));
        assertThat(watchThreads()).isNotEmpty();

        closeWatchers();

        eventually().untilAsserted(() -> assertThat(watchThreads()).isEmpty());
    }

    private Changes watch(Path keyFile) {
        Changes changes = new Changes(keyFile);
        FileSystemAdapters.KeyFileWatch watcher = FileSystemAdapters.keyFileWatcher(keyFile, EVENTS_ONLY, true, changes);
        watchers.add(watcher);
        watcher.start();
        return changes;
    }

    private static List<String> watchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("ipsec-key-watch-"))
                .toList();
    }
}
