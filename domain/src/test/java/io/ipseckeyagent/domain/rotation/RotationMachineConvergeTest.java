package io.ipseckeyagent.domain.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.domain.jitter.EffectiveJitter;
import io.ipseckeyagent.domain.key.KeySet;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.domain.rotation.RotationCommand.ApplyKeys;
import io.ipseckeyagent.domain.rotation.RotationCommand.LoadKeyFile;
import io.ipseckeyagent.domain.rotation.RotationCommand.LookUpPublishedKey;
import io.ipseckeyagent.domain.rotation.RotationCommand.Publish;
import io.ipseckeyagent.domain.rotation.RotationCommand.RecordPublished;
import io.ipseckeyagent.domain.rotation.RotationCommand.RecordPendingChange;
import io.ipseckeyagent.domain.rotation.RotationCommand.ReportConverged;
import io.ipseckeyagent.domain.rotation.RotationCommand.ReportDrift;
import io.ipseckeyagent.domain.rotation.RotationCommand.ReportKeyIdWentBack;
import io.ipseckeyagent.domain.rotation.RotationCommand.ReportResumed;
import io.ipseckeyagent.domain.rotation.RotationCommand.ReportSettleCutShort;
import io.ipseckeyagent.domain.rotation.RotationCommand.StartJitterWait;
import io.ipseckeyagent.domain.rotation.RotationCommand.StartSettleWait;
import io.ipseckeyagent.domain.rotation.RotationInput.Applied;
import io.ipseckeyagent.domain.rotation.RotationInput.ChangeDetected;
import io.ipseckeyagent.domain.rotation.RotationInput.JitterWaitOver;
import io.ipseckeyagent.domain.rotation.RotationInput.KeysRead;
import io.ipseckeyagent.domain.rotation.RotationInput.OwnNodeKeyObserved;
import io.ipseckeyagent.domain.rotation.RotationInput.PublishAttemptFailed;
import io.ipseckeyagent.domain.rotation.RotationInput.PublishSucceeded;
import io.ipseckeyagent.domain.rotation.RotationInput.PublishedKeyFound;
import io.ipseckeyagent.domain.rotation.RotationInput.RetryDue;
import io.ipseckeyagent.domain.rotation.RotationInput.SettleWaitOver;
import io.ipseckeyagent.domain.rotation.RotationInput.Started;
import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Issue 9 in the machine: settling, restarts that keep the window, relay start-up, own-node drift. */
class RotationMachineConvergeTest {
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Duration MAX = Duration.ofSeconds(150);
    private static final Duration SETTLE = Duration.ofSeconds(1);
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final KeySet KEY_3 = TestKeys.aead(3, 1);
    private static final KeySet KEY_4 = TestKeys.aead(4, 2);
    private static final KeySet KEY_14 = TestKeys.aead(14, 14);
    private static final KeySet KEY_2 = TestKeys.aead(2, 22);

    private RotationMachine machine = machine(StartMode.PUBLISH);
    private RotationState state = RotationState.initial();

    private static RotationMachine machine(StartMode mode) {
        return new RotationMachine(new RotationRules(new EffectiveJitter(true, MAX, WINDOW, Option.none()), SETTLE, mode));
    }

    private List<RotationCommand> on(RotationInput event) {
        Transition transition = machine.on(state, event);
        state = transition.state();
        return transition.commands();
    }

    private static KeysRead read(KeySet keys, Instant at) {
        return new KeysRead(Validation.valid(keys), at);
    }

    private static Publish publishIn(List<RotationCommand> commands) {
        return commands.filter(Publish.class::isInstance).map(Publish.class::cast).single();
    }

    private static AppliedKeys published(KeySet keys) {
        return AppliedKeys.of(keys, T0.minusSeconds(3600), T0.minusSeconds(3600)).publishedAt(T0.minusSeconds(3599));
    }

    private void idleWith(KeySet keys) {
        on(new Started(T0, Option.some(published(keys)), Option.none()));
        on(read(keys, T0));
        on(new PublishedKeyFound(state.lastRequest(), Option.some(keys.activeSpi()), T0));
        assertThat(state.phase()).isInstanceOf(RotationPhase.Idle.class);
    }

    @Test
    void aBurstThatOutlastsTheJitterWaitIsLoadedOnceWhenQuiet() {
        idleWith(KEY_3);
        Instant first = T0.plusSeconds(10);
        for (int i = 0; i < 30; i++) {
            on(new ChangeDetected(first.plusMillis(66L * i)));
        }
        Instant last = first.plusMillis(66L * 29);

        // The wait ends in the middle of the burst: the file is not quiet, so nothing is loaded.
        assertThat(on(new JitterWaitOver(first.plusMillis(500))))
                .containsExactly(new StartSettleWait(Duration.between(first.plusMillis(500), last.plus(SETTLE))));
        assertThat(on(new SettleWaitOver(last.plus(SETTLE)))).containsExactly(new LoadKeyFile());
        assertThat(on(read(KEY_14, last.plus(SETTLE)))).containsExactly(new ApplyKeys(KEY_14, first, 1));
        assertThat(publishIn(on(new Applied(AppliedKeys.of(KEY_14, first, last.plus(SETTLE))))).spi())
                .isEqualTo(Spi.of(14));
    }

    @Test
    void aChangeDuringSettlingWaitsAgainForTheRestOfTheQuietInterval() {
        idleWith(KEY_3);
        on(new ChangeDetected(T0));
        on(new JitterWaitOver(T0.plusMillis(200)));
        on(new ChangeDetected(T0.plusMillis(900)));

        assertThat(on(new SettleWaitOver(T0.plusSeconds(1))))
                .containsExactly(new StartSettleWait(Duration.ofMillis(900)));
        assertThat(on(new SettleWaitOver(T0.plusMillis(1900)))).containsExactly(new LoadKeyFile());
    }

    @Test
    void aQuietFileIsLoadedAsSoonAsTheWaitEnds() {
        idleWith(KEY_3);
        on(new ChangeDetected(T0));

        assertThat(on(new JitterWaitOver(T0.plusSeconds(30)))).containsExactly(new LoadKeyFile());
    }

    @Test
    void settlingNeverPassesTheDeadline() {
        idleWith(KEY_3);
        on(new ChangeDetected(T0));
        Instant nearDeadline = T0.plus(WINDOW).minusMillis(1500);
        on(new ChangeDetected(nearDeadline));

        assertThat(on(new JitterWaitOver(nearDeadline.plusMillis(100))))
                .containsExactly(new StartSettleWait(Duration.ofMillis(400)));
        Deadline deadline = Deadline.of(T0, WINDOW);
        assertThat(on(new SettleWaitOver(nearDeadline.plusMillis(500))))
                .containsExactly(new ReportSettleCutShort(deadline, Duration.ofMillis(500)), new LoadKeyFile());
    }

    @Test
    void aRestartDuringTheJitterWaitKeepsTheDeadlineAndDrawsOverWhatIsLeft() {
        idleWith(KEY_3);
        List<RotationCommand> change = on(new ChangeDetected(T0.plusSeconds(10)));
        PendingChange pending = change.filter(RecordPendingChange.class::isInstance)
                .map(RecordPendingChange.class::cast).single().change();

        // kill -9, 100 s later a new run starts with the same durable state
        state = RotationState.initial();
        Instant restart = T0.plusSeconds(110);
        Deadline deadline = Deadline.of(T0.plusSeconds(10), WINDOW);
        assertThat(on(new Started(restart, Option.some(published(KEY_3)), Option.some(pending))))
                .containsExactly(new ReportResumed(deadline), new LoadKeyFile());
        assertThat(on(read(KEY_4, restart))).containsExactly(new ApplyKeys(KEY_4, T0.plusSeconds(10), 1));
        on(new Applied(AppliedKeys.of(KEY_4, T0.plusSeconds(10), restart)));

        List<RotationCommand> wait = on(new PublishedKeyFound(state.lastRequest(), Option.some(Spi.of(3)), restart));
        assertThat(wait.head()).isEqualTo(new StartJitterWait(deadline, MAX.minusSeconds(100), Spi.of(4), SETTLE));
    }

    @Test
    void aPendingChangeFromOtherAppliedKeysIsNotResumed() {
        PendingChange stale = new PendingChange(T0.minusSeconds(200), "sha256:00000000");
        assertThat(on(new Started(T0, Option.some(published(KEY_3)), Option.some(stale))))
                .containsExactly(new LoadKeyFile());
    }

    @Test
    void relayModeAppliesAtOnceWhenNothingIsApplied() {
        machine = machine(StartMode.RELAY);
        on(new Started(T0, Option.none(), Option.none()));

        assertThat(on(read(KEY_3, T0))).containsExactly(new ApplyKeys(KEY_3, T0, 1));
    }

    @Test
    void relayModeWithTheSameContentAppliedDoesNothingLocally() {
        machine = machine(StartMode.RELAY);
        on(new Started(T0, Option.some(published(KEY_3)), Option.none()));

        List<RotationCommand> read = on(read(KEY_3, T0));
        assertThat(read.filter(ApplyKeys.class::isInstance)).isEmpty();
        assertThat(read.last()).isInstanceOf(LookUpPublishedKey.class);
        assertThat(on(new PublishedKeyFound(state.lastRequest(), Option.some(Spi.of(3)), T0))).isEmpty();
    }

    @Test
    void relayModeConfirmsAtStartWhenCiliumAdoptedTheRelayedKeyBeforeTheLookUp() {
        machine = machine(StartMode.RELAY);
        on(new Started(T0, Option.none(), Option.none()));
        on(read(KEY_3, T0));
        assertThat(on(new Applied(AppliedKeys.of(KEY_3, T0, T0))).last()).isInstanceOf(LookUpPublishedKey.class);

        // Cilium loaded the file and published SPI 3 before the look-up was answered.
        assertThat(on(new PublishedKeyFound(state.lastRequest(), Option.some(Spi.of(3)), T0.plusMillis(20))))
                .containsExactly(new RecordPublished(Spi.of(3), Deadline.of(T0, WINDOW), 1));
        assertThat(state.phase()).isInstanceOf(RotationPhase.Idle.class);
    }

    @Test
    void relayModeConfirmsAtStartAKeyAnEarlierRunRelayedThatCiliumAdoptedMeanwhile() {
        machine = machine(StartMode.RELAY);
        on(new Started(T0, Option.some(AppliedKeys.of(KEY_3, T0.minusSeconds(60), T0.minusSeconds(60))), Option.none()));
        on(read(KEY_3, T0));

        assertThat(on(new PublishedKeyFound(state.lastRequest(), Option.some(Spi.of(3)), T0)))
                .containsExactly(new RecordPublished(Spi.of(3), Deadline.of(T0.minusSeconds(60), WINDOW), 1));
    }

    @Test
    void publishModeRecordsNoPublishItDidNotMake() {
        on(new Started(T0, Option.none(), Option.none()));
        on(read(KEY_3, T0));
        on(new Applied(AppliedKeys.of(KEY_3, T0, T0)));

        assertThat(on(new PublishedKeyFound(state.lastRequest(), Option.some(Spi.of(3)), T0))).isEmpty();
    }

    @Test
    void relayModeWithOtherContentRunsAFullJitteredRotationKeepingItsDeadline() {
        machine = machine(StartMode.RELAY);
        PendingChange pending = new PendingChange(T0.minusSeconds(60), KEY_3.active().suite().fingerprint());
        on(new Started(T0, Option.some(published(KEY_3)), Option.some(pending)));

        Deadline deadline = Deadline.of(T0.minusSeconds(60), WINDOW);
        List<RotationCommand> read = on(read(KEY_4, T0));
        assertThat(read.filter(ApplyKeys.class::isInstance)).as("not applied before the wait").isEmpty();
        assertThat(read).contains(new StartJitterWait(deadline, MAX.minusSeconds(60), Spi.of(4), SETTLE));

        assertThat(on(new JitterWaitOver(T0.plusSeconds(30)))).containsExactly(new LoadKeyFile());
        assertThat(on(read(KEY_4, T0.plusSeconds(30)))).containsExactly(new ApplyKeys(KEY_4, T0.minusSeconds(60), 1));
        assertThat(publishIn(on(new Applied(AppliedKeys.of(KEY_4, T0.minusSeconds(60), T0.plusSeconds(30))))).spi())
                .isEqualTo(Spi.of(4));
    }

    @Test
    void publishModeAppliesAChangedFileAtOnceAtStart() {
        on(new Started(T0, Option.some(published(KEY_3)), Option.none()));

        assertThat(on(read(KEY_4, T0))).containsExactly(new ApplyKeys(KEY_4, T0, 1));
    }

    @Test
    void aDriftSomeoneElseCausedIsReportedAndRepairedThroughTheJitter() {
        idleWith(KEY_3);
        Instant at = T0.plusSeconds(20);

        List<RotationCommand> drift = on(new OwnNodeKeyObserved(Option.some(Spi.of(2)), at));

        Deadline deadline = Deadline.of(at, WINDOW);
        assertThat(drift.head()).isEqualTo(new ReportDrift(Option.some(Spi.of(2)), Spi.of(3), false, deadline.due()));
        assertThat(drift).contains(new StartJitterWait(deadline, MAX, Spi.of(3), SETTLE));
        assertThat(drift.filter(Publish.class::isInstance)).as("no repair at the same instant").isEmpty();

        on(new JitterWaitOver(at.plusSeconds(40)));
        Publish repair = publishIn(on(read(KEY_3, at.plusSeconds(40))));
        assertThat(repair.spi()).isEqualTo(Spi.of(3));
        assertThat(on(new PublishSucceeded(repair.request(), at.plusSeconds(41)))).contains(new ReportConverged(Spi.of(3)));
        assertThat(state.drifting()).isFalse();
    }

    @Test
    void aDriftSeenAtStartIsReportedAndRepairedThroughTheJitter() {
        on(new Started(T0, Option.some(published(KEY_3)), Option.none()));
        on(read(KEY_3, T0));

        List<RotationCommand> found = on(new PublishedKeyFound(state.lastRequest(), Option.some(Spi.of(2)), T0));

        Deadline deadline = Deadline.of(T0, WINDOW);
        assertThat(found).startsWith(new ReportDrift(Option.some(Spi.of(2)), Spi.of(3), false, deadline.due()));
        assertThat(found).contains(new StartJitterWait(deadline, MAX, Spi.of(3), SETTLE));
        assertThat(found.filter(Publish.class::isInstance)).as("no repair at the same instant").isEmpty();
        assertThat(state.drifting()).isTrue();

        on(new JitterWaitOver(T0.plusSeconds(40)));
        Publish repair = publishIn(on(read(KEY_3, T0.plusSeconds(40))));
        assertThat(on(new PublishSucceeded(repair.request(), T0.plusSeconds(41)))).contains(new ReportConverged(Spi.of(3)));
    }

    @Test
    void anOwedPublishAtStartIsNoDrift() {
        // Applied by the earlier run but never published: the cluster holding the older SPI is expected.
        on(new Started(T0, Option.some(AppliedKeys.of(KEY_4, T0.minusSeconds(10), T0.minusSeconds(10))), Option.none()));
        on(read(KEY_4, T0));

        List<RotationCommand> found = on(new PublishedKeyFound(state.lastRequest(), Option.some(Spi.of(3)), T0));

        assertThat(found.filter(ReportDrift.class::isInstance)).isEmpty();
        assertThat(found.filter(StartJitterWait.class::isInstance)).hasSize(1);
        assertThat(state.drifting()).isFalse();
    }

    @Test
    void aChangedFileAppliedAtStartIsNoDrift() {
        on(new Started(T0, Option.some(published(KEY_3)), Option.none()));
        on(read(KEY_4, T0));
        on(new Applied(AppliedKeys.of(KEY_4, T0, T0)));

        List<RotationCommand> found = on(new PublishedKeyFound(state.lastRequest(), Option.some(Spi.of(3)), T0));

        assertThat(found.filter(ReportDrift.class::isInstance)).isEmpty();
        assertThat(state.drifting()).isFalse();
    }

    @Test
    void aLateWriteOfThisRunIsRepairedAtOnce() {
        idleWith(KEY_3);
        on(new ChangeDetected(T0));
        on(new JitterWaitOver(T0.plusSeconds(5)));
        on(read(KEY_4, T0.plusSeconds(5)));
        Publish four = publishIn(on(new Applied(AppliedKeys.of(KEY_4, T0, T0.plusSeconds(5)))));
        on(new PublishAttemptFailed(four.request(), Duration.ofSeconds(1))); // timed out, yet it may land
        Publish again = publishIn(on(new RetryDue(T0.plusSeconds(6))));
        on(new PublishSucceeded(again.request(), T0.plusSeconds(7)));
        on(new ChangeDetected(T0.plusSeconds(10)));
        on(new JitterWaitOver(T0.plusSeconds(20)));
        on(read(TestKeys.aead(5, 5), T0.plusSeconds(20)));
        Publish five = publishIn(on(new Applied(AppliedKeys.of(TestKeys.aead(5, 5), T0.plusSeconds(10), T0.plusSeconds(20)))));
        on(new PublishSucceeded(five.request(), T0.plusSeconds(21)));

        // The first PATCH of 4 lands now, 45 s late.
        List<RotationCommand> drift = on(new OwnNodeKeyObserved(Option.some(Spi.of(4)), T0.plusSeconds(45)));

        assertThat(drift.head()).isEqualTo(new ReportDrift(Option.some(Spi.of(4)), Spi.of(5), true, T0.plusSeconds(45)));
        assertThat(publishIn(drift).spi()).isEqualTo(Spi.of(5));
    }

    @Test
    void aWatchEventSeenWhilePublishingIsActedOnAfterTheAnswer() {
        idleWith(KEY_3);
        on(new ChangeDetected(T0));
        on(new JitterWaitOver(T0.plusSeconds(5)));
        on(read(KEY_4, T0.plusSeconds(5)));
        Publish four = publishIn(on(new Applied(AppliedKeys.of(KEY_4, T0, T0.plusSeconds(5)))));

        assertThat(on(new OwnNodeKeyObserved(Option.some(Spi.of(2)), T0.plusSeconds(6)))).isEmpty();
        List<RotationCommand> answered = on(new PublishSucceeded(four.request(), T0.plusSeconds(7)));

        assertThat(answered).contains(new ReportDrift(Option.some(Spi.of(2)), Spi.of(4), false,
                T0.plusSeconds(7).plus(WINDOW)));
        assertThat(state.published()).contains(Spi.of(2));
    }

    @Test
    void theClusterHoldingTheAppliedKeyIsNoDrift() {
        idleWith(KEY_3);

        assertThat(on(new OwnNodeKeyObserved(Option.some(Spi.of(3)), T0))).isEmpty();
        assertThat(state.drifting()).isFalse();
    }

    @Test
    void aStalePublishAnswerNeverMarksTheWrongSpiAsPublished() {
        idleWith(KEY_3);
        on(new ChangeDetected(T0));
        on(new JitterWaitOver(T0.plusSeconds(5)));
        on(read(KEY_4, T0.plusSeconds(5)));
        Publish four = publishIn(on(new Applied(AppliedKeys.of(KEY_4, T0, T0.plusSeconds(5)))));
        on(new PublishAttemptFailed(four.request(), Duration.ofSeconds(1)));
        on(new ChangeDetected(T0.plusSeconds(6)));
        on(new RetryDue(T0.plusSeconds(8)));
        on(read(KEY_14, T0.plusSeconds(8)));
        Publish fourteen = publishIn(on(new Applied(AppliedKeys.of(KEY_14, T0, T0.plusSeconds(8)))));

        assertThat(on(new PublishSucceeded(four.request(), T0.plusSeconds(9)))).as("answer to an old request").isEmpty();
        assertThat(state.published()).doesNotContain(Spi.of(4));
        assertThat(on(new PublishSucceeded(fourteen.request(), T0.plusSeconds(9))).head())
                .isEqualTo(new RotationCommand.RecordPublished(Spi.of(14), Deadline.of(T0, WINDOW), 2));
    }

    @Test
    void aLowerKeyIdThatIsNotTheWrapIsLoadedButWarnedAbout() {
        idleWith(KEY_3);
        on(new ChangeDetected(T0));
        on(new JitterWaitOver(T0.plusSeconds(5)));

        List<RotationCommand> read = on(read(KEY_2, T0.plusSeconds(5)));
        assertThat(read.head()).isEqualTo(new ReportKeyIdWentBack(Spi.of(3), Spi.of(2)));
        assertThat(read.last()).isInstanceOf(ApplyKeys.class);
    }

    @Test
    void theWrapFromFifteenToOneIsNoWarning() {
        KeySet fifteen = TestKeys.aead(15, 15);
        idleWith(fifteen);
        on(new ChangeDetected(T0));
        on(new JitterWaitOver(T0.plusSeconds(5)));

        assertThat(on(read(TestKeys.aead(1, 16), T0.plusSeconds(5))).filter(ReportKeyIdWentBack.class::isInstance)).isEmpty();
    }
}
