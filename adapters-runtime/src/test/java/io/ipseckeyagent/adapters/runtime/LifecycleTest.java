package io.ipseckeyagent.adapters.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parts stop in reverse, every one of them, once; a part that starts after the stop is stopped at once. */
class LifecycleTest {
    private final List<String> stopped = new ArrayList<>();
    private final RuntimeAdapters.Lifecycle lifecycle = RuntimeAdapters.lifecycle("Test stopped");

    @Test
    void partsStopInReverseAndAFailingOneDoesNotKeepTheOthersRunning() throws InterruptedException {
        lifecycle.started("first", () -> stopped.add("first"));
        lifecycle.started("failing", () -> {
            stopped.add("failing");
            throw new IllegalStateException("cannot stop");
        });
        lifecycle.started("last", () -> stopped.add("last"));

        assertThat(lifecycle.stop()).isTrue();
        lifecycle.awaitStopped();

        assertThat(stopped).containsExactly("last", "failing", "first");
        assertThat(lifecycle.stop()).as("a second stop").isFalse();
        assertThat(stopped).hasSize(3);
    }

    @Test
    void aPartStartedAfterTheStopIsStoppedAtOnce() {
        lifecycle.stop();

        assertThat(lifecycle.started("late", () -> stopped.add("late"))).isFalse();
        assertThat(stopped).containsExactly("late");
    }
}
