package io.ipseckeyagent.domain.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.domain.jitter.EffectiveJitter;
import io.ipseckeyagent.domain.jitter.JitterPolicy;
import io.ipseckeyagent.domain.key.KeySet;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.domain.rotation.RotationCommand.ForgetDeadline;
import io.ipseckeyagent.domain.rotation.RotationCommand.ForgetPendingChange;
import io.ipseckeyagent.domain.rotation.RotationCommand.LoadKeyFile;
import io.ipseckeyagent.domain.rotation.RotationCommand.Publish;
import io.ipseckeyagent.domain.rotation.RotationCommand.RecordPublished;
import io.ipseckeyagent.domain.rotation.RotationCommand.ReportChange;
import io.ipseckeyagent.domain.rotation.RotationCommand.ReportUnchanged;
import io.ipseckeyagent.domain.rotation.RotationCommand.StartJitterWait;
import io.ipseckeyagent.domain.rotation.RotationCommand.WatchDeadline;
import io.ipseckeyagent.domain.rotation.RotationInput.Applied;
import io.ipseckeyagent.domain.rotation.RotationInput.ChangeDetected;
import io.ipseckeyagent.domain.rotation.RotationInput.JitterWaitOver;
import io.ipseckeyagent.domain.rotation.RotationInput.KeysRead;
import io.ipseckeyagent.domain.rotation.RotationInput.PublishSucceeded;
import io.ipseckeyagent.domain.rotation.RotationInput.PublishedKeyFound;
import io.ipseckeyagent.domain.rotation.RotationInput.Started;
import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Rules that do not coalesce (the {@code cilium} policy, as Cilium main's {@code keyfileWatcher}): each
 * change seen during a rotation gets its own jitter wait, with a fresh draw, and its own load, after the
 * rotation under way; an unchanged file is then reported unchanged.
 */
class RotationMachinePerEventTest {
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Duration MAX = Duration.ofSeconds(30); // keyRotationDuration / 10
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final KeySet KEY_3 = TestKeys.aead(3, 1);
    private static final KeySet KEY_4 = TestKeys.aead(4, 2);
    private static final KeySet KEY_5 = TestKeys.aead(5, 3);

    private RotationMachine machine = machine(JitterPolicy.cilium().coalesces());
    private RotationState state = RotationState.initial();

    private static RotationMachine machine(boolean coalesce) {
        return new RotationMachine(new RotationRules(new EffectiveJitter(true, MAX, WINDOW, Option.none()), Duration.ZERO,
                StartMode.PUBLISH, coalesce));
    }

    private List<RotationCommand> on(RotationInput event) {
        Transition transition = machine.on(state, event);
        state = transition.state();
        return transition.commands();
    }

    private void idleWithKey3Published() {
        on(new Started(T0, Option.some(AppliedKeys.of(KEY_3, T0, T0)), Option.none()));
        on(new KeysRead(Validation.valid(KEY_3), T0));
        on(new PublishedKeyFound(state.lastRequest(), Option.some(Spi.of(3)), T0));
        assertThat(state.phase()).isInstanceOf(RotationPhase.Idle.class);
    }

    private static long jitterWaits(List<RotationCommand> commands) {
        return commands.count(StartJitterWait.class::isInstance);
    }

    @Test
    void theCiliumPolicyDoesNotCoalesceTheOthersDo() {
        assertThat(JitterPolicy.cilium().coalesces()).isFalse();
        assertThat(JitterPolicy.ALL.filter(JitterPolicy::coalesces).map(JitterPolicy::name))
                .containsExactly("uniform", "node-hash", "rank", "disabled");
    }

    @Test
    void aChangeDuringTheWaitGetsASecondWaitAndLoadAfterTheFirstRotation() {
        idleWithKey3Published();
        assertThat(jitterWaits(on(new ChangeDetected(T0.plusSeconds(10))))).isEqualTo(1);
        // The second change during the wait: no coalescing, queued for its own wait.
        assertThat(on(new ChangeDetected(T0.plusSeconds(20)))).containsExactly(new ReportChange(false));
        assertThat(state.queuedChanges()).isEqualTo(1);

        assertThat(on(new JitterWaitOver(T0.plusSeconds(25)))).containsExactly(new LoadKeyFile());
        on(new KeysRead(Validation.valid(KEY_4), T0.plusSeconds(25)));
        Publish publish = on(new Applied(AppliedKeys.of(KEY_4, T0.plusSeconds(10), T0.plusSeconds(25))))
                .filter(Publish.class::isInstance).map(Publish.class::cast).single();

        // The first rotation ends; the queued change's wait starts at once, a fresh draw over the full maximum.
        Deadline second = Deadline.of(T0.plusSeconds(20), WINDOW);
        assertThat(on(new PublishSucceeded(publish.request(), T0.plusSeconds(26)))).containsExactly(
                new RecordPublished(Spi.of(4), Deadline.of(T0.plusSeconds(10), WINDOW), 1), new ForgetDeadline(),
                new StartJitterWait(second, MAX, Spi.of(5), Duration.ZERO), new WatchDeadline(second));
        assertThat(state.queuedChanges()).isZero();

        // Its load finds the file the first load already read: unchanged, nothing more to publish.
        assertThat(on(new JitterWaitOver(T0.plusSeconds(50)))).containsExactly(new LoadKeyFile());
        assertThat(on(new KeysRead(Validation.valid(KEY_4), T0.plusSeconds(50))))
                .containsExactly(new ReportUnchanged(Spi.of(4)), new ForgetPendingChange(), new ForgetDeadline());
        assertThat(state.phase()).isInstanceOf(RotationPhase.Idle.class);
    }

    @Test
    void kChangesDuringARotationGiveKWaitsAndLoadsOneAfterAnother() {
        idleWithKey3Published();
        on(new ChangeDetected(T0));
        for (int more = 1; more <= 3; more++) {
            on(new ChangeDetected(T0.plusSeconds(more)));
        }
        int loads = 0;
        int waits = 1;
        Instant now = T0.plusSeconds(30);
        KeySet loaded = KEY_4;
        while (state.phase() instanceof RotationPhase.Waiting) {
            assertThat(on(new JitterWaitOver(now))).containsExactly(new LoadKeyFile());
            loads++;
            List<RotationCommand> after = on(new KeysRead(Validation.valid(loaded), now));
            if (state.phase() instanceof RotationPhase.Applying) {
                after = on(new Applied(AppliedKeys.of(loaded, now, now)));
                Publish publish = after.filter(Publish.class::isInstance).map(Publish.class::cast).single();
                after = on(new PublishSucceeded(publish.request(), now));
            }
            waits += (int) jitterWaits(after);
            loaded = loaded == KEY_4 ? KEY_5 : KEY_5; // a newer key once, then unchanged
            now = now.plusSeconds(30);
        }
        assertThat(waits).isEqualTo(4);
        assertThat(loads).isEqualTo(4);
        assertThat(state.published()).contains(Spi.of(5));
    }

    @Test
    void coalescingRulesKeepOneWaitAndOneLoad() {
        machine = machine(true);
        idleWithKey3Published();
        on(new ChangeDetected(T0));
        assertThat(on(new ChangeDetected(T0.plusSeconds(1)))).containsExactly(new ReportChange(true));
        assertThat(on(new JitterWaitOver(T0.plusSeconds(30)))).containsExactly(new LoadKeyFile());
        on(new KeysRead(Validation.valid(KEY_4), T0.plusSeconds(30)));
        Publish publish = on(new Applied(AppliedKeys.of(KEY_4, T0, T0.plusSeconds(30))))
                .filter(Publish.class::isInstance).map(Publish.class::cast).single();
        assertThat(jitterWaits(on(new PublishSucceeded(publish.request(), T0.plusSeconds(31))))).isZero();
        assertThat(state.phase()).isInstanceOf(RotationPhase.Idle.class);
    }
}
