package io.ipseckeyagent.domain.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ipseckeyagent.domain.jitter.EffectiveJitter;
import io.ipseckeyagent.domain.key.KeyFileProblem;
import io.ipseckeyagent.domain.key.KeySet;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.domain.rotation.RotationCommand.ApplyKeys;
import io.ipseckeyagent.domain.rotation.RotationCommand.CancelTimers;
import io.ipseckeyagent.domain.rotation.RotationCommand.ForgetDeadline;
import io.ipseckeyagent.domain.rotation.RotationCommand.ForgetPendingChange;
import io.ipseckeyagent.domain.rotation.RotationCommand.RecordPendingChange;
import io.ipseckeyagent.domain.rotation.RotationCommand.LoadKeyFile;
import io.ipseckeyagent.domain.rotation.RotationCommand.LookUpPublishedKey;
import io.ipseckeyagent.domain.rotation.RotationCommand.Publish;
import io.ipseckeyagent.domain.rotation.RotationCommand.RecordPublished;
import io.ipseckeyagent.domain.rotation.RotationCommand.ReportCancelled;
import io.ipseckeyagent.domain.rotation.RotationCommand.ReportChange;
import io.ipseckeyagent.domain.rotation.RotationCommand.ReportOverdue;
import io.ipseckeyagent.domain.rotation.RotationCommand.ReportRejected;
import io.ipseckeyagent.domain.rotation.RotationCommand.ReportUnchanged;
import io.ipseckeyagent.domain.rotation.RotationCommand.StartJitterWait;
import io.ipseckeyagent.domain.rotation.RotationCommand.StartRetryWait;
import io.ipseckeyagent.domain.rotation.RotationCommand.WatchDeadline;
import io.ipseckeyagent.domain.rotation.RotationInput.Applied;
import io.ipseckeyagent.domain.rotation.RotationInput.ChangeDetected;
import io.ipseckeyagent.domain.rotation.RotationInput.DeadlineReached;
import io.ipseckeyagent.domain.rotation.RotationInput.JitterWaitOver;
import io.ipseckeyagent.domain.rotation.RotationInput.KeysRead;
import io.ipseckeyagent.domain.rotation.RotationInput.NotApplied;
import io.ipseckeyagent.domain.rotation.RotationInput.PublishAttemptFailed;
import io.ipseckeyagent.domain.rotation.RotationInput.PublishSucceeded;
import io.ipseckeyagent.domain.rotation.RotationInput.PublishedKeyFound;
import io.ipseckeyagent.domain.rotation.RotationInput.PublishedKeyUnknown;
import io.ipseckeyagent.domain.rotation.RotationInput.RetryDue;
import io.ipseckeyagent.domain.rotation.RotationInput.Started;
import io.ipseckeyagent.domain.rotation.RotationInput.StopRequested;
import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The pure machine, step by step: each test drives events in and checks the commands that come out. */
class RotationMachineTest {
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Duration MAX = Duration.ofSeconds(150);
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    /** When a jitter wait or a retry ends: after every change in these tests. */
    private static final Instant AFTER = T0.plusSeconds(120);
    private static final KeySet KEY_3 = TestKeys.aead(3, 1);
    private static final KeySet KEY_4 = TestKeys.aead(4, 2);
    private static final KeySet KEY_5 = TestKeys.aead(5, 3);

    private final RotationMachine machine = new RotationMachine(
            new RotationRules(new EffectiveJitter(true, MAX, WINDOW, Option.none()), Duration.ZERO, StartMode.PUBLISH));
    private RotationState state = RotationState.initial();

    private List<RotationCommand> on(RotationInput event) {
        Transition transition = machine.on(state, event);
        state = transition.state();
        return transition.commands();
    }

    private static KeysRead read(KeySet keys) {
        return new KeysRead(Validation.valid(keys), T0);
    }

    private Applied applied(KeySet keys, Instant at) {
        return new Applied(AppliedKeys.of(keys, at, at));
    }

    private static Publish publishIn(List<RotationCommand> commands) {
        return commands.filter(Publish.class::isInstance).map(Publish.class::cast).single();
    }

    /** Started with KEY_3 applied by an earlier run and published: Idle. */
    private void idleWithKey3Published() {
        on(new Started(T0, Option.some(AppliedKeys.of(KEY_3, T0, T0)), Option.none()));
        on(read(KEY_3));
        on(new PublishedKeyFound(state.lastRequest(), Option.some(Spi.of(3)), T0));
        assertThat(state.phase()).isInstanceOf(RotationPhase.Idle.class);
    }

    /** From Idle: a change at {@code at}, the wait ends, {@code keys} are read and applied; returns the publish. */
    private Publish rotateTo(KeySet keys, Instant at) {
        on(new ChangeDetected(at));
        on(new JitterWaitOver(AFTER));
        on(read(keys));
        return publishIn(on(applied(keys, at)));
    }

    @Test
    void aChangeStartsOneJitterWaitAndLaterChangesAreCoalesced() {
        idleWithKey3Published();

        List<RotationCommand> first = on(new ChangeDetected(T0.plusSeconds(10)));
        Deadline deadline = Deadline.of(T0.plusSeconds(10), WINDOW);
        assertThat(first).containsExactly(new ReportChange(false),
                new RecordPendingChange(new PendingChange(T0.plusSeconds(10), KEY_3.active().suite().fingerprint())),
                new StartJitterWait(deadline, MAX, Spi.of(4), Duration.ZERO), new WatchDeadline(deadline));

        RotationPhase waiting = state.phase();
        assertThat(on(new ChangeDetected(T0.plusSeconds(11)))).containsExactly(new ReportChange(true));
        assertThat(on(new ChangeDetected(T0.plusSeconds(90)))).containsExactly(new ReportChange(true));
        assertThat(state.phase()).isEqualTo(waiting);
        assertThat(state.lastChangeAt()).contains(T0.plusSeconds(90));
    }

    @Test
    void afterTheWaitTheLatestKeysAreLoadedAppliedAndThenPublished() {
        idleWithKey3Published();
        on(new ChangeDetected(T0.plusSeconds(10)));

        assertThat(on(new JitterWaitOver(AFTER))).containsExactly(new LoadKeyFile());
        assertThat(on(read(KEY_4))).containsExactly(new ApplyKeys(KEY_4, T0.plusSeconds(10), 1));
        Publish publish = publishIn(on(applied(KEY_4, T0.plusSeconds(50))));
        assertThat(publish.spi()).isEqualTo(Spi.of(4));
        assertThat(publish.attempt()).isEqualTo(1);

        Deadline deadline = Deadline.of(T0.plusSeconds(10), WINDOW);
        assertThat(on(new PublishSucceeded(publish.request(), T0.plusSeconds(51))))
                .containsExactly(new RecordPublished(Spi.of(4), deadline, 1), new ForgetDeadline());
        assertThat(state.phase()).isInstanceOf(RotationPhase.Idle.class);
        assertThat(state.published()).contains(Spi.of(4));
    }

    @Test
    void anInvalidFileKeepsTheLastGoodKeyAndPublishesNothing() {
        idleWithKey3Published();
        on(new ChangeDetected(T0));
        on(new JitterWaitOver(AFTER));
        List<KeyFileProblem> errors = List.of(KeyFileProblem.atLine(2, "SPI must be a decimal number from 1 to 15"));

        assertThat(on(new KeysRead(Validation.invalid(errors), T0)))
                .containsExactly(new ReportRejected(errors, Option.some(Spi.of(3))), new ForgetPendingChange(),
                        new ForgetDeadline());
        assertThat(state.applied().map(AppliedKeys::activeSpi)).contains(Spi.of(3));
        assertThat(state.phase()).isInstanceOf(RotationPhase.Idle.class);
    }

    @Test
    void revertingToTheAppliedKeyPublishesNothing() {
        idleWithKey3Published();
        on(new ChangeDetected(T0));
        on(new JitterWaitOver(AFTER));

        assertThat(on(read(KEY_3))).containsExactly(new ReportUnchanged(Spi.of(3)), new ForgetPendingChange(),
                new ForgetDeadline());
    }

    @Test
    void aKeyChangedUnderTheSameSpiIsRejected() {
        idleWithKey3Published();
        on(new ChangeDetected(T0));
        on(new JitterWaitOver(AFTER));

        List<RotationCommand> commands = on(read(TestKeys.aead(3, 99)));

        assertThat(commands.head()).isInstanceOf(ReportRejected.class);
        assertThat(commands).doesNotHaveAnyElementsOfTypes(ApplyKeys.class, Publish.class);
    }

    @Test
    void aChangeDuringPublishingLeadsToOneMoreRotationWithAFreshDrawOverWhatIsLeft() {
        idleWithKey3Published();
        Publish publish = rotateTo(KEY_4, T0);
        on(new ChangeDetected(T0.plusSeconds(100)));
        on(new ChangeDetected(T0.plusSeconds(101)));

        List<RotationCommand> after = on(new PublishSucceeded(publish.request(), T0.plusSeconds(130)));

        Deadline next = Deadline.of(T0.plusSeconds(100), WINDOW);
        assertThat(after).containsExactly(new RecordPublished(Spi.of(4), Deadline.of(T0, WINDOW), 1),
                new StartJitterWait(next, Duration.ofSeconds(120), Spi.of(5), Duration.ZERO), new WatchDeadline(next));
        assertThat(state.phase()).isEqualTo(new RotationPhase.Waiting(next, Spi.of(5)));
    }

    @Test
    void aFailedPublishIsRetriedAfterTheBackoffTheHostDrew() {
        idleWithKey3Published();
        Publish first = rotateTo(KEY_4, T0);

        assertThat(on(new PublishAttemptFailed(first.request(), Duration.ofMillis(137))))
                .containsExactly(new StartRetryWait(Duration.ofMillis(137)));
        Publish second = publishIn(on(new RetryDue(AFTER)));

        assertThat(second.spi()).isEqualTo(Spi.of(4));
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.request()).isGreaterThan(first.request());
    }

    @Test
    void aNewerKeySupersedesARetry() {
        idleWithKey3Published();
        Publish first = rotateTo(KEY_4, T0);
        on(new PublishAttemptFailed(first.request(), Duration.ofSeconds(1)));
        on(new ChangeDetected(T0.plusSeconds(1)));

        assertThat(on(new RetryDue(AFTER))).containsExactly(new LoadKeyFile());
        on(read(KEY_5));
        Publish retry = publishIn(on(applied(KEY_5, T0.plusSeconds(2))));

        assertThat(retry.spi()).isEqualTo(Spi.of(5));
        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(on(new PublishSucceeded(retry.request(), T0.plusSeconds(3))).head())
                .isEqualTo(new RecordPublished(Spi.of(5), Deadline.of(T0, WINDOW), 2));
    }

    @Test
    void aNewerKeySupersedesAFailedPublishInFlight() {
        idleWithKey3Published();
        Publish first = rotateTo(KEY_4, T0);
        on(new ChangeDetected(T0.plusSeconds(1)));
        on(new PublishAttemptFailed(first.request(), Duration.ofSeconds(1)));

        assertThat(on(new RetryDue(AFTER))).containsExactly(new LoadKeyFile());
    }

    @Test
    void aFailedApplyKeepsTheOldKeyAndIsRetriedAfterABackoff() {
        idleWithKey3Published();
        on(new ChangeDetected(T0));
        on(new JitterWaitOver(AFTER));
        on(read(KEY_4));

        assertThat(on(new NotApplied(Duration.ofSeconds(1)))).containsExactly(new StartRetryWait(Duration.ofSeconds(1)));
        assertThat(state.applied().map(AppliedKeys::activeSpi)).contains(Spi.of(3));
        assertThat(state.phase()).isInstanceOf(RotationPhase.ApplyRetryWaiting.class);

        // The retry loads the file again and applies it, counting the attempts for the backoff.
        assertThat(on(new RetryDue(AFTER))).containsExactly(new LoadKeyFile());
        assertThat(on(read(KEY_4))).containsExactly(new ApplyKeys(KEY_4, T0, 2));
        assertThat(publishIn(on(applied(KEY_4, AFTER))).spi()).isEqualTo(Spi.of(4));
        assertThat(state.applyFailures()).isZero();
    }

    @Test
    void atStartAKeyNotYetPublishedIsPublishedAfterAJitterWait() {
        on(new Started(T0, Option.some(AppliedKeys.of(KEY_3, T0, T0)), Option.none()));
        assertThat(on(read(KEY_4))).containsExactly(new ApplyKeys(KEY_4, T0, 1));
        List<RotationCommand> lookUp = on(applied(KEY_4, T0));
        assertThat(lookUp).containsExactly(new ForgetPendingChange(), new LookUpPublishedKey(state.lastRequest()));

        List<RotationCommand> wait = on(new PublishedKeyFound(state.lastRequest(), Option.some(Spi.of(3)), T0.plusSeconds(2)));

        Deadline deadline = Deadline.of(T0, WINDOW);
        assertThat(wait).containsExactly(new StartJitterWait(deadline, MAX.minusSeconds(2), Spi.of(4), Duration.ZERO),
                new WatchDeadline(deadline));
        on(new JitterWaitOver(AFTER));
        assertThat(publishIn(on(read(KEY_4))).spi()).isEqualTo(Spi.of(4));
    }

    @Test
    void atStartAnUnknownPublishedKeyIsPublishedAfterAJitterWait() {
        on(new Started(T0, Option.some(AppliedKeys.of(KEY_3, T0, T0)), Option.none()));
        on(read(KEY_3));

        List<RotationCommand> wait = on(new PublishedKeyUnknown(state.lastRequest(), T0));

        assertThat(wait.head()).isEqualTo(new StartJitterWait(Deadline.of(T0, WINDOW), MAX, Spi.of(3), Duration.ZERO));
    }

    @Test
    void atStartTheKeyAlreadyPublishedNeedsNothing() {
        on(new Started(T0, Option.none(), Option.none()));
        on(read(KEY_3));
        on(applied(KEY_3, T0));

        assertThat(on(new PublishedKeyFound(state.lastRequest(), Option.some(Spi.of(3)), T0))).isEmpty();
        assertThat(state.phase()).isInstanceOf(RotationPhase.Idle.class);
    }

    @Test
    void atStartWithoutAnyValidKeyThereIsNothingToPublish() {
        on(new Started(T0, Option.none(), Option.none()));
        on(new KeysRead(Validation.invalid(List.of(KeyFileProblem.ofFile("no such file"))), T0));

        assertThat(on(new PublishedKeyFound(state.lastRequest(), Option.none(), T0))).isEmpty();
        assertThat(state.phase()).isInstanceOf(RotationPhase.Idle.class);
    }

    @Test
    void stoppingDuringTheWaitCancelsAndReportsIt() {
        idleWithKey3Published();
        on(new ChangeDetected(T0));

        List<RotationCommand> stop = on(new StopRequested());

        assertThat(stop.head()).isEqualTo(new CancelTimers());
        assertThat(stop.last()).isInstanceOf(ReportCancelled.class);
        assertThat(on(new JitterWaitOver(AFTER))).isEmpty();
        assertThat(on(new ChangeDetected(T0.plusSeconds(1)))).isEmpty();
    }

    @Test
    void anAnswerToARequestMadeBeforeAStopIsIgnored() {
        idleWithKey3Published();
        Publish publish = rotateTo(KEY_4, T0);
        on(new StopRequested());
        on(new Started(T0, Option.none(), Option.none()));
        on(read(KEY_4));

        RotationState lookingUp = state;
        assertThat(on(new PublishSucceeded(publish.request(), T0))).isEmpty();
        assertThat(state).isEqualTo(lookingUp);
    }

    @Test
    void theDeadlineIsReportedOnceWhileTheRotationIsUnfinished() {
        idleWithKey3Published();
        Publish publish = rotateTo(KEY_4, T0);
        on(new PublishAttemptFailed(publish.request(), Duration.ofSeconds(30)));
        Deadline deadline = Deadline.of(T0, WINDOW);

        assertThat(on(new DeadlineReached(deadline))).containsExactly(new ReportOverdue(Spi.of(4), deadline));
        assertThat(on(new DeadlineReached(Deadline.of(T0.minusSeconds(1), WINDOW)))).isEmpty();
    }

    @Test
    void answersOutOfProtocolAreBugs() {
        idleWithKey3Published();
        on(new ChangeDetected(T0));
        on(new JitterWaitOver(AFTER));

        assertThatThrownBy(() -> on(new ChangeDetected(T0))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> on(new NotApplied(Duration.ofSeconds(1)))).isInstanceOf(IllegalStateException.class);
    }
}
