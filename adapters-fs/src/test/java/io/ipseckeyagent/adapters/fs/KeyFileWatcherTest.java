package io.ipseckeyagent.adapters.fs;

import io.ipseckeyagent.standins.KubeletSecretVolume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ipseckeyagent.application.port.in.HandleKeyFileChangeUseCase;
import io.ipseckeyagent.application.port.out.KeyFileSourcePort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real files, real events: each test waits for the watcher, never for a fixed time. */
class KeyFileWatcherTest {
    /** So long that only file events can explain a call. */
    private static final Duration EVENTS_ONLY = Duration.ofHours(1);
    private static final Duration FAST_POLL = Duration.ofMillis(100);
    /** Long enough for a debounced check and two polls to have happened. */
    private static final Duration QUIET = Duration.ofMillis(300);

    @TempDir
    Path dir;

    private final List<FileSystemAdapters.KeyFileWatch> watchers = new ArrayList<>();

    @AfterEach
    void closeWatchers() {
        watchers.forEach(FileSystemAdapters.KeyFileWatch::close);
    }

    @Test
    void theContentAtStartIsTheBaselineNotAChange() throws IOException {
        Path keyFile = write(dir.resolve("keys"), "v1");
        Changes changes = watch(keyFile, FAST_POLL, true);

        assertNoCallFor(changes);
    }

    @Test
    void seesAnInPlaceRewrite() throws IOException {
        Path keyFile = write(dir.resolve("keys"), "v1");
        Changes changes = watch(keyFile, EVENTS_ONLY, true);

        write(keyFile, "v2");

        awaitCalls(changes, 1, "v2");
        assertNoCallFor(changes);
    }

    @Test
    void seesATempFileRenamedOver() throws IOException {
        Path keyFile = write(dir.resolve("keys"), "v1");
        Changes changes = watch(keyFile, EVENTS_ONLY, true);

        Files.move(write(dir.resolve(".keys.tmp"), "v2"), keyFile, StandardCopyOption.ATOMIC_MOVE);

        awaitCalls(changes, 1, "v2");
    }

    @Test
    void seesEachKubeletSwap() throws IOException {
        KubeletSecretVolume kubelet = new KubeletSecretVolume(dir);
        kubelet.write(Map.of("keys", bytes("v1")));
        Changes changes = watch(dir.resolve("keys"), EVENTS_ONLY, true);

        kubelet.write(Map.of("keys", bytes("v2")));
        awaitCalls(changes, 1, "v2");
        kubelet.write(Map.of("keys", bytes("v3")));
        awaitCalls(changes, 2, "v3");

        assertNoCallFor(changes);
    }

    @Test
    void aKubeletSwapThatLeavesTheKeyFileAsItWasIsNoChange() throws IOException {
        KubeletSecretVolume kubelet = new KubeletSecretVolume(dir);
        kubelet.write(Map.of("keys", bytes("v1"), "ca.crt", bytes("a")));
        Changes changes = watch(dir.resolve("keys"), FAST_POLL, true);

        assertThat(kubelet.write(Map.of("keys", bytes("v1"), "ca.crt", bytes("b")))).as("swapped").isTrue();

        assertNoCallFor(changes);
    }

    @Test
    void identicalRewritesAreNoChange() throws IOException {
        Path keyFile = write(dir.resolve("keys"), "v1");
        Changes changes = watch(keyFile, FAST_POLL, true);

        write(keyFile, "v1");
        Files.move(write(dir.resolve(".keys.tmp"), "v1"), keyFile, StandardCopyOption.ATOMIC_MOVE);
        Files.setLastModifiedTime(keyFile, FileTime.from(Instant.now().plusSeconds(60)));

        assertNoCallFor(changes);
    }

    @Test
    void fiftyRapidRewritesEndWithACallThatSeesTheLastOne() throws IOException {
        Path keyFile = write(dir.resolve("keys"), "v0");
        Changes changes = watch(keyFile, EVENTS_ONLY, true);

        for (int i = 1; i <= 50; i++) {
            write(keyFile, "v" + i);
        }

        awaitLastSeen(changes, "v50");
        assertNoCallFor(changes);
        assertThat(changes.calls()).isBetween(1, 50);
    }

    @Test
    void seesTheFileDeletedAndRecreated() throws IOException {
        Path keyFile = write(dir.resolve("keys"), "v1");
        Changes changes = watch(keyFile, EVENTS_ONLY, true);

        Files.delete(keyFile);
        awaitCalls(changes, 1, "Missing");
        write(keyFile, "v2");
        awaitCalls(changes, 2, "v2");
    }

    @Test
    void seesTheKeyFileAppearInADirectoryThatDidNotExist() throws IOException {
        Path secretDir = dir.resolve("etc/ipsec");
        Changes changes = watch(secretDir.resolve("keys"), EVENTS_ONLY, true);

        new KubeletSecretVolume(secretDir).write(Map.of("keys", bytes("v1")));
        awaitCalls(changes, 1, "v1");

        new KubeletSecretVolume(secretDir).write(Map.of("keys", bytes("v2")));
        awaitCalls(changes, 2, "v2");
    }

    @Test
    void keepsWatchingWhenTheFileBecomesADirectoryOrUnreadable() throws IOException {
        Path keyFile = write(dir.resolve("keys"), "v1");
        Changes changes = watch(keyFile, EVENTS_ONLY, true);

        Files.delete(keyFile);
        Files.createDirectory(keyFile);
        awaitCalls(changes, 1, "NotAFile");

        Files.delete(keyFile);
        Files.createSymbolicLink(keyFile, keyFile);
        awaitCalls(changes, 2, "Unreadable");

        Files.delete(keyFile);
        write(keyFile, "v2");
        awaitCalls(changes, 3, "v2");
    }

    @Test
    void watchesWhereASymlinkedKeyFileReallyLives() throws IOException {
        Path realFile = write(Files.createDirectories(dir.resolve("elsewhere")).resolve("real-keys"), "v1");
        Path keyFile = Files.createSymbolicLink(Files.createDirectories(dir.resolve("etc")).resolve("keys"), realFile);
        Changes changes = watch(keyFile, EVENTS_ONLY, true);

        write(realFile, "v2");

        awaitCalls(changes, 1, "v2");
    }

    @Test
    void withoutEventsThePollSeesTheChange() throws IOException {
        KubeletSecretVolume kubelet = new KubeletSecretVolume(dir);
        kubelet.write(Map.of("keys", bytes("v1")));
        Changes changes = watch(dir.resolve("keys"), FAST_POLL, false);

        kubelet.write(Map.of("keys", bytes("v2")));

        awaitCalls(changes, 1, "v2");
        assertNoCallFor(changes);
    }

    @Test
    void withoutAWatchServiceItFallsBackToPolling() throws IOException {
        Path keyFile = write(dir.resolve("keys"), "v1");
        Changes changes = new Changes(keyFile);
        KeyFileWatcher watcher = new KeyFileWatcher(keyFile, FAST_POLL, true, changes, DebounceWindow.DEFAULT, () -> {
            WatchHub hub = WatchHub.open(() -> {
                throw new IOException("User limit of inotify instances reached or too many open files");
            });
            hub.retain();
            return hub;
        });
        watchers.add(watcher);
        watcher.start();

        write(keyFile, "v2");

        awaitCalls(changes, 1, "v2");
    }

    @Test
    void afterCloseNothingIsCalled() throws IOException {
        Path keyFile = write(dir.resolve("keys"), "v1");
        Changes changes = watch(keyFile, FAST_POLL, true);

        watchers.get(0).close();
        write(keyFile, "v2");

        assertNoCallFor(changes);
    }

    @Test
    void aStartedWatcherCannotStartAgain() throws IOException {
        Changes changes = watch(write(dir.resolve("keys"), "v1"), FAST_POLL, true);

        org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(watchers.get(0)::start);
        assertThat(changes.calls()).isZero();
    }

    private Changes watch(Path keyFile, Duration pollInterval, boolean useEvents) {
        Changes changes = new Changes(keyFile);
        FileSystemAdapters.KeyFileWatch watcher =
                FileSystemAdapters.keyFileWatcher(keyFile, pollInterval, useEvents, changes);
        watchers.add(watcher);
        watcher.start();
        return changes;
    }

    static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5));
    }

    static void awaitCalls(Changes changes, int calls, String lastSeen) {
        eventually().untilAsserted(() -> {
            assertThat(changes.calls()).isEqualTo(calls);
            assertThat(changes.lastSeen()).isEqualTo(lastSeen);
        });
    }

    private static void awaitLastSeen(Changes changes, String lastSeen) {
        eventually().untilAsserted(() -> assertThat(changes.lastSeen()).isEqualTo(lastSeen));
    }

    private static void assertNoCallFor(Changes changes) {
        int before = changes.calls();
        await().during(QUIET).atMost(QUIET.multipliedBy(2)).until(() -> changes.calls() == before);
    }

    static Path write(Path file, String content) throws IOException {
        return Files.write(file, bytes(content));
    }

    static byte[] bytes(String content) {
        return content.getBytes(StandardCharsets.UTF_8);
    }

    /** The use case, recording what the agent would read at each call (test content is no key). */
    static final class Changes implements HandleKeyFileChangeUseCase {
        private final KeyFileSourcePort source;
        private final List<String> seen = new CopyOnWriteArrayList<>();

        Changes(Path keyFile) {
            this.source = FileSystemAdapters.keyFileSource(keyFile);
        }

        @Override
        public void keyFileChanged() {
            seen.add(source.read().fold(failure -> failure.getClass().getSimpleName(),
                    content -> new String(content.bytes(), StandardCharsets.UTF_8)));
        }

        int calls() {
            return seen.size();
        }

        String lastSeen() {
            return seen.isEmpty() ? "(no call)" : seen.get(seen.size() - 1);
        }
    }
}
