package io.ipseckeyagent.domain.rotation;

import io.ipseckeyagent.domain.jitter.EffectiveJitter;
import io.ipseckeyagent.domain.key.KeyFileProblem;
import io.ipseckeyagent.domain.key.KeySet;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.domain.rotation.RotationCommand.ApplyKeys;
import io.ipseckeyagent.domain.rotation.RotationCommand.CancelTimers;
import io.ipseckeyagent.domain.rotation.RotationCommand.ForgetDeadline;
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
import io.ipseckeyagent.domain.rotation.RotationPhase.Applying;
import io.ipseckeyagent.domain.rotation.RotationPhase.Idle;
import io.ipseckeyagent.domain.rotation.RotationPhase.Loading;
import io.ipseckeyagent.domain.rotation.RotationPhase.LookingUp;
import io.ipseckeyagent.domain.rotation.RotationPhase.Publishing;
import io.ipseckeyagent.domain.rotation.RotationPhase.RetryWaiting;
import io.ipseckeyagent.domain.rotation.RotationPhase.Stopped;
import io.ipseckeyagent.domain.rotation.RotationPhase.Waiting;
import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.time.Instant;

/**
 * The rotation state machine, pure: {@code state x event -> state x commands}. It decides; its host
 * reads files, keeps time, draws random numbers and talks to the cluster.
 *
 * <ul>
 *   <li>Idle + change: wait a jitter delay (one draw), then load the latest content. Changes during
 *       the wait are coalesced: no new draw, deadline kept.
 *   <li>Loaded: invalid or refused keeps the last good keys; identical does nothing; new keys are
 *       applied locally, then their SPI is published (apply before publish).
 *   <li>Whatever was loaded, a publish owed (applied SPI not known to be published) is made: a
 *       required publish is delayed, never skipped.
 *   <li>A failed attempt is retried after a backoff. A change seen meanwhile supersedes it: the retry
 *       reloads the file first and publishes the newest key, in the same rotation (same deadline).
 *   <li>A change seen while a publish is in flight starts one more rotation once it succeeds, with a
 *       fresh draw over what is left of that change's jitter window.
 *   <li>Start: load, apply if the file differs from what is applied, look up the published SPI; if it
 *       differs or is unknown, publish through a jitter wait.
 *   <li>Stop: cancel every wait and report it; answers that arrive later are ignored.
 * </ul>
 */
public final class RotationMachine {
    private final EffectiveJitter jitter;

    public RotationMachine(EffectiveJitter jitter) {
        this.jitter = jitter;
    }

    public Transition on(RotationState state, RotationInput input) {
        return switch (input) {
            case Started started -> start(state, started);
            case StopRequested stop -> stop(state);
            case ChangeDetected change -> changeDetected(state, change.at());
            case JitterWaitOver over -> state.phase() instanceof Waiting waiting
                    ? Transition.to(state.withPhase(new Loading(waiting.deadline(), false, 0)), new LoadKeyFile())
                    : Transition.stay(state);
            case RetryDue due -> retryDue(state);
            case DeadlineReached reached -> deadlineReached(state, reached.deadline());
            case KeysRead read -> keysRead(state, read.keys());
            case Applied applied -> applyAnswered(state, Option.some(applied.applied()));
            case NotApplied notApplied -> applyAnswered(state, Option.none());
            case PublishedKeyFound found -> publishedKeyKnown(state, found.request(), found.spi(), found.at());
            case PublishedKeyUnknown unknown -> publishedKeyKnown(state, unknown.request(), Option.none(), unknown.at());
            case PublishSucceeded succeeded -> publishSucceeded(state, succeeded);
            case PublishAttemptFailed failed -> publishAttemptFailed(state, failed);
        };
    }

    private static Transition publishAttemptFailed(RotationState state, PublishAttemptFailed failed) {
        if (state.awaits(failed.request()) && state.phase() instanceof Publishing p) {
            return Transition.to(state.withPhase(new RetryWaiting(p.deadline(), p.spi(), p.attempt(), p.changedAt())),
                    new StartRetryWait(failed.retryIn()));
        }
        return Transition.stay(state);
    }

    private Transition start(RotationState state, Started started) {
        if (!(state.phase() instanceof Stopped)) {
            return Transition.stay(state);
        }
        Deadline deadline = Deadline.of(started.at(), jitter.keyRotationDuration());
        RotationState loading = new RotationState(new Loading(deadline, true, 0),
                started.previouslyApplied().orElse(state.applied()), Option.none(), state.lastRequest());
        return Transition.to(loading, new LoadKeyFile());
    }

    private Transition stop(RotationState state) {
        RotationState stopped = state.withPhase(new Stopped());
        return switch (state.phase()) {
            case Stopped already -> Transition.stay(state);
            case Idle idle -> Transition.to(stopped, new CancelTimers());
            case Waiting waiting -> cancelled(stopped, "stopping during the jitter wait; the next start reconciles");
            case Publishing publishing -> cancelled(stopped,
                    "stopping while SPI " + publishing.spi() + " is being published; its answer is ignored");
            case RetryWaiting retrying -> cancelled(stopped,
                    "stopping before publishing SPI " + retrying.spi() + " again; the next start reconciles");
            case Loading loading -> cancelled(stopped, "stopping before the published key was known; the next start reconciles");
            case Applying applying -> cancelled(stopped, "stopping before the published key was known; the next start reconciles");
            case LookingUp lookingUp -> cancelled(stopped, "stopping before the published key was known; the next start reconciles");
        };
    }

    private static Transition cancelled(RotationState stopped, String reason) {
        return Transition.to(stopped, new CancelTimers(), new ReportCancelled(reason));
    }

    private Transition changeDetected(RotationState state, Instant at) {
        Option<Instant> changedAt = Option.some(at);
        return switch (state.phase()) {
            case Stopped stopped -> Transition.stay(state);
            case Idle idle -> startWaiting(state, Deadline.of(at, jitter.keyRotationDuration()), state.expectedNextSpi(), at)
                    .prepend(List.of(new ReportChange(false)));
            case Waiting waiting -> coalesced(state, waiting);
            case LookingUp l -> coalesced(state, new LookingUp(l.startedAt(), l.request(), l.changedAt().orElse(changedAt)));
            case Publishing p -> coalesced(state,
                    new Publishing(p.deadline(), p.spi(), p.attempt(), p.request(), p.changedAt().orElse(changedAt)));
            case RetryWaiting r -> coalesced(state,
                    new RetryWaiting(r.deadline(), r.spi(), r.attempt(), r.changedAt().orElse(changedAt)));
            case Loading busy -> throw new IllegalStateException("a change arrived before " + busy + " was answered");
            case Applying busy -> throw new IllegalStateException("a change arrived before " + busy + " was answered");
        };
    }

    /** A change seen while a rotation is under way joins it. */
    private static Transition coalesced(RotationState state, RotationPhase phase) {
        return Transition.to(state.withPhase(phase), new ReportChange(true));
    }

    private Transition startWaiting(RotationState state, Deadline deadline, Spi expectedSpi, Instant now) {
        return Transition.to(state.withPhase(new Waiting(deadline, expectedSpi)),
                new StartJitterWait(deadline, deadline.jitterLeft(jitter.max(), now), expectedSpi),
                new WatchDeadline(deadline));
    }

    private Transition retryDue(RotationState state) {
        if (!(state.phase() instanceof RetryWaiting r)) {
            return Transition.stay(state);
        }
        if (r.changedAt().isDefined()) {
            return Transition.to(state.withPhase(new Loading(r.deadline(), false, r.attempt())), new LoadKeyFile());
        }
        return publish(state, r.deadline(), r.spi(), r.attempt() + 1, List.empty());
    }

    private Transition keysRead(RotationState state, Validation<List<KeyFileProblem>, KeySet> keys) {
        Loading loading = expect(state, Loading.class);
        Option<Spi> kept = state.applied().map(AppliedKeys::activeSpi);
        return keys.fold(
                errors -> afterLoad(state, loading.deadline(), loading.atStart(), loading.attempts(),
                        List.of(new ReportRejected(errors, kept))),
                keySet -> validKeysRead(state, loading, keySet, kept));
    }

    private Transition validKeysRead(RotationState state, Loading loading, KeySet keys, Option<Spi> kept) {
        return switch (KeyChange.judge(state.applied(), keys)) {
            case KeyChange.NewKeys newKeys -> Transition.to(
                    state.withPhase(new Applying(loading.deadline(), loading.atStart(), loading.attempts())),
                    new ApplyKeys(newKeys.keys(), loading.deadline().detectedAt()));
            case KeyChange.Refused refused -> afterLoad(state, loading.deadline(), loading.atStart(), loading.attempts(),
                    List.of(new ReportRejected(refused.problems(), kept)));
            case KeyChange.Identical identical -> afterLoad(state, loading.deadline(), loading.atStart(),
                    loading.attempts(), List.of(new ReportUnchanged(keys.activeSpi())));
        };
    }

    private Transition applyAnswered(RotationState state, Option<AppliedKeys> applied) {
        Applying applying = expect(state, Applying.class);
        return afterLoad(state.withApplied(applied.orElse(state.applied())), applying.deadline(), applying.atStart(),
                applying.attempts(), List.empty());
    }

    /** After loading (and maybe applying): look up what is published at start, else publish what is owed. */
    private Transition afterLoad(RotationState state, Deadline deadline, boolean atStart, int attempts,
            List<RotationCommand> notices) {
        if (atStart) {
            RotationState asking = state.withNextRequest();
            return Transition.to(asking.withPhase(new LookingUp(deadline.detectedAt(), asking.lastRequest(), Option.none())),
                    new LookUpPublishedKey(asking.lastRequest())).prepend(notices);
        }
        return state.owedSpi().fold(
                () -> Transition.to(state.withPhase(new Idle()), new ForgetDeadline()).prepend(notices),
                spi -> publish(state, deadline, spi, attempts + 1, notices));
    }

    private static Transition publish(RotationState state, Deadline deadline, Spi spi, int attempt,
            List<RotationCommand> notices) {
        RotationState asking = state.withNextRequest();
        return Transition.to(asking.withPhase(new Publishing(deadline, spi, attempt, asking.lastRequest(), Option.none())),
                new Publish(spi, attempt, asking.lastRequest())).prepend(notices);
    }

    private Transition publishedKeyKnown(RotationState state, long request, Option<Spi> published, Instant at) {
        if (!state.awaits(request) || !(state.phase() instanceof LookingUp lookingUp)) {
            return Transition.stay(state);
        }
        RotationState known = state.withPublished(published);
        return known.owedSpi().fold(
                () -> lookingUp.changedAt().fold(
                        () -> Transition.to(known.withPhase(new Idle())),
                        changedAt -> startWaiting(known, Deadline.of(changedAt, jitter.keyRotationDuration()),
                                known.expectedNextSpi(), at)),
                owed -> startWaiting(known, Deadline.of(lookingUp.startedAt(), jitter.keyRotationDuration()), owed, at));
    }

    private Transition publishSucceeded(RotationState state, PublishSucceeded succeeded) {
        if (!state.awaits(succeeded.request()) || !(state.phase() instanceof Publishing p)) {
            return Transition.stay(state);
        }
        RotationState published = state.withPublished(Option.some(p.spi()));
        List<RotationCommand> record = List.of(new RecordPublished(p.spi(), p.deadline(), p.attempt()));
        return p.changedAt().fold(
                () -> Transition.to(published.withPhase(new Idle()), new ForgetDeadline()),
                changedAt -> startWaiting(published, Deadline.of(changedAt, jitter.keyRotationDuration()),
                        published.expectedNextSpi(), succeeded.at()))
                .prepend(record);
    }

    private static Transition deadlineReached(RotationState state, Deadline deadline) {
        Option<Spi> late = switch (state.phase()) {
            case Waiting w when w.deadline().equals(deadline) -> Option.some(w.expectedSpi());
            case Publishing p when p.deadline().equals(deadline) -> Option.some(p.spi());
            case RetryWaiting r when r.deadline().equals(deadline) -> Option.some(r.spi());
            // Another rotation's deadline, or no rotation is waiting on the cluster.
            case Waiting w -> Option.none();
            case Publishing p -> Option.none();
            case RetryWaiting r -> Option.none();
            case Stopped stopped -> Option.none();
            case Idle idle -> Option.none();
            case Loading loading -> Option.none();
            case Applying applying -> Option.none();
            case LookingUp lookingUp -> Option.none();
        };
        return late.fold(() -> Transition.stay(state), spi -> Transition.to(state, new ReportOverdue(spi, deadline)));
    }

    private static <P extends RotationPhase> P expect(RotationState state, Class<P> phase) {
        if (!phase.isInstance(state.phase())) {
            throw new IllegalStateException("an answer for " + phase.getSimpleName() + " arrived in " + state.phase());
        }
        return phase.cast(state.phase());
    }
}
