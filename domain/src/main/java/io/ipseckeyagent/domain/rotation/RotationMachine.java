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
import io.ipseckeyagent.domain.rotation.RotationEvent.Applied;
import io.ipseckeyagent.domain.rotation.RotationEvent.ChangeDetected;
import io.ipseckeyagent.domain.rotation.RotationEvent.DeadlineReached;
import io.ipseckeyagent.domain.rotation.RotationEvent.JitterWaitOver;
import io.ipseckeyagent.domain.rotation.RotationEvent.KeysRead;
import io.ipseckeyagent.domain.rotation.RotationEvent.NotApplied;
import io.ipseckeyagent.domain.rotation.RotationEvent.PublishAttemptFailed;
import io.ipseckeyagent.domain.rotation.RotationEvent.PublishSucceeded;
import io.ipseckeyagent.domain.rotation.RotationEvent.PublishedKeyFound;
import io.ipseckeyagent.domain.rotation.RotationEvent.PublishedKeyUnknown;
import io.ipseckeyagent.domain.rotation.RotationEvent.RetryDue;
import io.ipseckeyagent.domain.rotation.RotationEvent.Started;
import io.ipseckeyagent.domain.rotation.RotationEvent.StopRequested;
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

    public Transition on(RotationState state, RotationEvent event) {
        if (event instanceof Started started) {
            return start(state, started);
        }
        if (event instanceof StopRequested) {
            return stop(state);
        }
        if (event instanceof ChangeDetected change) {
            return changeDetected(state, change.at());
        }
        if (event instanceof JitterWaitOver) {
            return state.phase() instanceof Waiting waiting
                    ? Transition.to(state.withPhase(new Loading(waiting.deadline(), false, 0)), new LoadKeyFile())
                    : Transition.stay(state);
        }
        if (event instanceof RetryDue) {
            return retryDue(state);
        }
        if (event instanceof DeadlineReached reached) {
            return deadlineReached(state, reached.deadline());
        }
        if (event instanceof KeysRead read) {
            return keysRead(state, read.keys());
        }
        if (event instanceof Applied applied) {
            return applyAnswered(state, Option.some(applied.applied()));
        }
        if (event instanceof NotApplied) {
            return applyAnswered(state, Option.none());
        }
        if (event instanceof PublishedKeyFound found) {
            return publishedKeyKnown(state, found.request(), found.spi(), found.at());
        }
        if (event instanceof PublishedKeyUnknown unknown) {
            return publishedKeyKnown(state, unknown.request(), Option.none(), unknown.at());
        }
        if (event instanceof PublishSucceeded succeeded) {
            return publishSucceeded(state, succeeded);
        }
        PublishAttemptFailed failed = (PublishAttemptFailed) event;
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
        RotationPhase phase = state.phase();
        RotationState stopped = state.withPhase(new Stopped());
        if (phase instanceof Stopped) {
            return Transition.stay(state);
        }
        if (phase instanceof Idle) {
            return Transition.to(stopped, new CancelTimers());
        }
        return Transition.to(stopped, new CancelTimers(), new ReportCancelled(cancelReason(phase)));
    }

    private static String cancelReason(RotationPhase phase) {
        if (phase instanceof Waiting) {
            return "stopping during the jitter wait; the next start reconciles";
        }
        if (phase instanceof Publishing publishing) {
            return "stopping while SPI " + publishing.spi() + " is being published; its answer is ignored";
        }
        if (phase instanceof RetryWaiting retrying) {
            return "stopping before publishing SPI " + retrying.spi() + " again; the next start reconciles";
        }
        return "stopping before the published key was known; the next start reconciles";
    }

    private Transition changeDetected(RotationState state, Instant at) {
        RotationPhase phase = state.phase();
        if (phase instanceof Stopped) {
            return Transition.stay(state);
        }
        if (phase instanceof Idle) {
            return startWaiting(state, Deadline.of(at, jitter.keyRotationDuration()), state.expectedNextSpi(), at)
                    .prepend(List.of(new ReportChange(false)));
        }
        if (phase instanceof LookingUp l) {
            phase = new LookingUp(l.startedAt(), l.request(), l.changedAt().orElse(Option.some(at)));
        } else if (phase instanceof Publishing p) {
            phase = new Publishing(p.deadline(), p.spi(), p.attempt(), p.request(), p.changedAt().orElse(Option.some(at)));
        } else if (phase instanceof RetryWaiting r) {
            phase = new RetryWaiting(r.deadline(), r.spi(), r.attempt(), r.changedAt().orElse(Option.some(at)));
        } else if (!(phase instanceof Waiting)) {
            throw new IllegalStateException("a change arrived before " + phase + " was answered");
        }
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
        KeyChange change = KeyChange.judge(state.applied(), keys);
        if (change instanceof KeyChange.NewKeys newKeys) {
            return Transition.to(state.withPhase(new Applying(loading.deadline(), loading.atStart(), loading.attempts())),
                    new ApplyKeys(newKeys.keys(), loading.deadline().detectedAt()));
        }
        RotationCommand notice = change instanceof KeyChange.Refused refused
                ? new ReportRejected(refused.problems(), kept)
                : new ReportUnchanged(keys.activeSpi());
        return afterLoad(state, loading.deadline(), loading.atStart(), loading.attempts(), List.of(notice));
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
        RotationPhase phase = state.phase();
        Option<Spi> late = Option.none();
        if (phase instanceof Waiting w && w.deadline().equals(deadline)) {
            late = Option.some(w.expectedSpi());
        } else if (phase instanceof Publishing p && p.deadline().equals(deadline)) {
            late = Option.some(p.spi());
        } else if (phase instanceof RetryWaiting r && r.deadline().equals(deadline)) {
            late = Option.some(r.spi());
        }
        return late.fold(() -> Transition.stay(state), spi -> Transition.to(state, new ReportOverdue(spi, deadline)));
    }

    private static <P extends RotationPhase> P expect(RotationState state, Class<P> phase) {
        if (!phase.isInstance(state.phase())) {
            throw new IllegalStateException("an answer for " + phase.getSimpleName() + " arrived in " + state.phase());
        }
        return phase.cast(state.phase());
    }
}
