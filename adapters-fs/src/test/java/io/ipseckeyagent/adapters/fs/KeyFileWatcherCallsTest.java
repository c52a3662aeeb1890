package io.ipseckeyagent.adapters.fs;

import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.after;
import static org.mockito.Mockito.timeout;

import io.ipseckeyagent.application.port.in.HandleKeyFileChangeUseCase;
import io.ipseckeyagent.standins.KubeletSecretVolume;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/**
 * How often the watcher calls its use case for bursts of kubelet swaps: exact counts, verified on a
 * mock of the inbound port. The debounce's quiet time is longer here than in production so that a
 * burst written by this test is one burst even on a busy machine; what is checked is the watcher's
 * rule (one check per burst, a call only for content that really changed), not the 20 ms figure.
 */
@ExtendWith(MockitoExtension.class)
class KeyFileWatcherCallsTest {
    private static final DebounceWindow ONE_CHECK_PER_BURST = new DebounceWindow(Duration.ofMillis(300), Duration.ofSeconds(3));
    /** So long that only file events can explain a call. */
    private static final Duration EVENTS_ONLY = Duration.ofHours(1);
    private static final int CALL_ARRIVES_MILLIS = 5_000;
    /** Two quiet times: a second check, if any, would have run by then. */
    private static final int NO_MORE_CALLS_MILLIS = 600;
    private static final int SWAPS = 10;

    @TempDir
    Path dir;

    @Mock
    HandleKeyFileChangeUseCase keyFileChanges;

    private KeyFileWatcher watcher;

    @AfterEach
    void closeWatcher() {
        watcher.close();
    }

    @Test
    void aBurstOfKubeletSwapsIsOneCall() {
        KubeletSecretVolume secret = watchedVolume();

        burst(secret, "v");

        then(keyFileChanges).should(timeout(CALL_ARRIVES_MILLIS)).keyFileChanged();
        then(keyFileChanges).should(after(NO_MORE_CALLS_MILLIS).times(1)).keyFileChanged();
    }

    @Test
    void twoBurstsApartAreTwoCalls() {
        KubeletSecretVolume secret = watchedVolume();

        burst(secret, "first-");
        then(keyFileChanges).should(timeout(CALL_ARRIVES_MILLIS).times(1)).keyFileChanged();
        burst(secret, "second-");

        then(keyFileChanges).should(timeout(CALL_ARRIVES_MILLIS).times(2)).keyFileChanged();
        then(keyFileChanges).should(after(NO_MORE_CALLS_MILLIS).times(2)).keyFileChanged();
    }

    @Test
    void aBurstThatEndsWithTheContentItStartedWithIsNoCall() {
        KubeletSecretVolume secret = watchedVolume();

        burst(secret, "v");
        secret.write("v0");

        then(keyFileChanges).should(after(NO_MORE_CALLS_MILLIS * 2).never()).keyFileChanged();
    }

    /** A volume holding {@code v0}, watched from now on. */
    private KubeletSecretVolume watchedVolume() {
        KubeletSecretVolume secret = new KubeletSecretVolume(dir);
        secret.write("v0");
        watcher = new KeyFileWatcher(secret.keyFile(), EVENTS_ONLY, true, keyFileChanges, ONE_CHECK_PER_BURST,
                WatchHub::acquireShared);
        watcher.start();
        return secret;
    }

    private static void burst(KubeletSecretVolume secret, String prefix) {
        for (int i = 1; i <= SWAPS; i++) {
            secret.write(prefix + i);
        }
    }
}
