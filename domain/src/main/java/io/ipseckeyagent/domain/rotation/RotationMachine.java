package io.ipseckeyagent.domain.rotation;

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
import io.ipseckeyagent.domain.rotation.RotationCommand.ForgetPendingChange;
import io.ipseckeyagent.domain.rotation.RotationCommand.RecordPendingChange;
import io.ipseckeyagent.domain.rotation.RotationCommand.ReportConverged;
import io.ipseckeyagent.domain.rotation.RotationCommand.ReportDrift;
import io.ipseckeyagent.domain.rotation.RotationCommand.ReportKeyIdWentBack;
import io.ipseckeyagent.domain.rotation.RotationCommand.ReportResumed;
import io.ipseckeyagent.domain.rotation.RotationCommand.ReportSettleCutShort;
import io.ipseckeyagent.domain.rotation.RotationCommand.StartSettleWait;
import io.ipseckeyagent.domain.rotation.RotationInput.OwnNodeKeyObserved;
import io.ipseckeyagent.domain.rotation.RotationInput.SettleWaitOver;
import io.ipseckeyagent.domain.rotation.RotationPhase.ApplyRetryWaiting;
import io.ipseckeyagent.domain.rotation.RotationPhase.Settling;
import java.time.Duration;
import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.time.Instant;

/**
 * The rotation state machine, pure: {@code state x event -> state x commands}. It decides; its host
 * reads files, keeps time, draws random numbers and talks to the cluster.
 *
 * <ul>
 *   <li>Idle + change: wait a jitter delay (one draw), then load the latest content once the file has
 *       been quiet for the settle interval. Changes during the wait or the settling are coalesced: no
 *       new draw, deadline kept. Unless the rules do not coalesce (Cilium main): then each change seen
 *       during a rotation gets its own wait (a fresh draw) and load after it, one after another. Settling never passes the deadline minus one settle interval: then
 *       the file is loaded as it is, and that is reported.
 *   <li>Loaded: invalid or refused keeps the last good keys; identical does nothing; new keys are
 *       applied locally, then their SPI is published (apply before publish). A refused apply is
 *       retried after a backoff (the file is loaded again first).
 *   <li>Whatever was loaded, a publish owed (applied SPI not known to be published) is made: a
 *       required publish is delayed, never skipped.
 *   <li>A failed attempt is retried after a backoff. A change seen meanwhile supersedes it: the retry
 *       reloads the file first and publishes the newest key, in the same rotation (same deadline).
 *   <li>A change seen while a publish is in flight starts one more rotation once it succeeds, with a
 *       fresh draw over what is left of that change's jitter window.
 *   <li>The first change of a rotation is recorded durably ({@link PendingChange}); a start continues
 *       that rotation (same deadline, a draw over what is left) as it does an applied, unpublished key.
 *   <li>Start ({@link StartMode#PUBLISH}): load, apply if the file differs from what is applied, look
 *       up the published SPI; if it differs or is unknown, publish through a jitter wait. In
 *       {@link StartMode#RELAY} a file that differs from applied keys goes through a full jittered rotation.
 *   <li>Own node: when the cluster holds another SPI than the applied one, the drift is reported and
 *       repaired: at once when it is this run's own late write, else through a jitter wait like any
 *       owed publish, so a mass overwrite does not make every node repair at once.
 *   <li>Stop: cancel every wait and report it; answers that arrive later are ignored.
 * </ul>
 */
public final class RotationMachine {
    private final RotationRules rules;

    public RotationMachine(RotationRules rules) {
        this.rules = rules;
    }

    /** A timer that fires after its phase has ended (a stop, a newer change) changes nothing. */
    private Transition jitterWaitOver(RotationState state, JitterWaitOver over) {
        return state.phase() instanceof Waiting waiting
                ? loadWhenQuiet(state, waiting.deadline(), 0, over.at())
                : Transition.stay(state);
    }

    private Transition settleWaitOver(RotationState state, SettleWaitOver over) {
        return state.phase() instanceof Settling settling
                ? loadWhenQuiet(state, settling.deadline(), settling.attempts(), over.at())
                : Transition.stay(state);
    }

    public Transition on(RotationState state, RotationInput input) {
        Transition next = switch (input) {
            case Started started -> start(state, started);
            case StopRequested stop -> stop(state);
            case ChangeDetected change -> changeDetected(state, change.at());
            case JitterWaitOver over -> jitterWaitOver(state, over);
            case SettleWaitOver over -> settleWaitOver(state, over);
            case RetryDue due -> retryDue(state, due.at());
            case DeadlineReached reached -> deadlineReached(state, reached.deadline());
            case KeysRead read -> keysRead(state, read.keys(), read.at());
            case Applied applied -> applyAnswered(state.withApplyFailures(0), Option.some(applied.applied()));
            case NotApplied notApplied -> applyRefused(state, notApplied.retryIn());
            case PublishedKeyFound found -> publishedKeyKnown(state, found.request(), Option.some(found.spi()), found.at());
            case PublishedKeyUnknown unknown -> publishedKeyKnown(state, unknown.request(), Option.none(), unknown.at());
            case PublishSucceeded succeeded -> publishSucceeded(state, succeeded);
            case PublishAttemptFailed failed -> publishAttemptFailed(state, failed);
            case OwnNodeKeyObserved observed -> ownNodeKeyObserved(state, observed.held(), observed.at());
        };
        return rules.coalesce() ? next : nextQueued(next);
    }

    /**
     * Not coalescing (Cilium main): once a rotation is over, the next change seen during it gets its
     * own jitter wait (a fresh draw) and load, as Cilium's watcher handles its queued events one by one.
     * Its deadline counts from the last change seen.
     */
    private Transition nextQueued(Transition next) {
        RotationState state = next.state();
        if (!(state.phase() instanceof Idle) || state.queuedChanges() == 0 || state.lastChangeAt().isEmpty()) {
            return next;
        }
        Instant seen = state.lastChangeAt().getOrElse(Instant.EPOCH);
        return startWaiting(state.withQueuedChanges(state.queuedChanges() - 1),
                Deadline.of(seen, rules.jitter().keyRotationDuration()), state.expectedNextSpi(), seen)
                .prepend(next.commands());
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
        Option<AppliedKeys> applied = started.previouslyApplied().orElse(state.applied());
        // The rotation an earlier run began from the applied keys continues; else a new one begins now.
        Instant detectedAt = started.pending().filter(change -> applied.exists(change::leaves))
                .map(PendingChange::detectedAt).filter(at -> at.isBefore(started.at())).getOrElse(started.at());
        Deadline deadline = Deadline.of(detectedAt, rules.jitter().keyRotationDuration());
        RotationState loading = new RotationState(new Loading(deadline, true, 0), applied, Option.none(),
                state.lastRequest(), Option.none(), 0, List.empty(), Option.none(), false, 0);
        List<RotationCommand> resumed = detectedAt.isBefore(started.at())
                ? List.of(new ReportResumed(deadline)) : List.empty();
        return Transition.to(loading, new LoadKeyFile()).prepend(resumed);
    }

    private Transition stop(RotationState state) {
        RotationState stopped = state.withPhase(new Stopped());
        return switch (state.phase()) {
            case Stopped already -> Transition.stay(state);
            case Idle idle -> Transition.to(stopped, new CancelTimers());
            case Waiting waiting -> cancelled(stopped, "stopping during the jitter wait; the next start reconciles");
            case Settling settling -> cancelled(stopped,
                    "stopping while the key file settles; the next start continues the rotation");
            case Publishing publishing -> cancelled(stopped,
                    "stopping while SPI " + publishing.spi() + " is being published; its answer is ignored");
            case RetryWaiting retrying -> cancelled(stopped,
                    "stopping before publishing SPI " + retrying.spi() + " again; the next start reconciles");
            case ApplyRetryWaiting retrying -> cancelled(stopped,
                    "stopping before applying the keys again; the next start reconciles");
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
        RotationState changed = state.withChangeAt(at);
        List<RotationCommand> record = pendingRecord(state, at);
        if (!rules.coalesce() && underWay(state.phase())) {
            // Cilium main: this change waits and loads on its own once the rotation under way is over.
            return Transition.to(changed.withQueuedChanges(state.queuedChanges() + 1), new ReportChange(false));
        }
        return switch (state.phase()) {
            case Stopped stopped -> Transition.stay(state);
            case Idle idle -> startWaiting(changed, Deadline.of(at, rules.jitter().keyRotationDuration()),
                    state.expectedNextSpi(), at)
                    .prepend(record.prepend(new ReportChange(false)));
            case Waiting waiting -> coalesced(changed, waiting);
            case Settling settling -> coalesced(changed, settling);
            case ApplyRetryWaiting retrying -> coalesced(changed, retrying);
            case LookingUp l -> coalesced(changed, new LookingUp(l.startedAt(), l.request(), l.changedAt().orElse(changedAt)))
                    .append(l.changedAt().isEmpty() ? record : List.empty());
            case Publishing p -> coalesced(changed,
                    new Publishing(p.deadline(), p.spi(), p.attempt(), p.request(), p.changedAt().orElse(changedAt)))
                    .append(p.changedAt().isEmpty() ? record : List.empty());
            case RetryWaiting r -> coalesced(changed,
                    new RetryWaiting(r.deadline(), r.spi(), r.attempt(), r.changedAt().orElse(changedAt)))
                    .append(r.changedAt().isEmpty() ? record : List.empty());
            case Loading busy -> throw new IllegalStateException("a change arrived before " + busy + " was answered");
            case Applying busy -> throw new IllegalStateException("a change arrived before " + busy + " was answered");
        };
    }

    /** A rotation is under way: waiting, loading, applying, looking up or publishing. */
    private static boolean underWay(RotationPhase phase) {
        return switch (phase) {
            case Stopped stopped -> false;
            case Idle idle -> false;
            case Waiting waiting -> true;
            case Settling settling -> true;
            case Loading loading -> true;
            case Applying applying -> true;
            case ApplyRetryWaiting retrying -> true;
            case LookingUp lookingUp -> true;
            case Publishing publishing -> true;
            case RetryWaiting retrying -> true;
        };
    }

    /** The durable record of a rotation's first change, when there are applied keys to leave. */
    private static List<RotationCommand> pendingRecord(RotationState state, Instant at) {
        return state.applied().map(keys -> List.<RotationCommand>of(
                new RecordPendingChange(new PendingChange(at, keys.active().fingerprint())))).getOrElse(List.empty());
    }

    /** A change seen while a rotation is under way joins it. */
    private static Transition coalesced(RotationState state, RotationPhase phase) {
        return Transition.to(state.withPhase(phase), new ReportChange(true));
    }

    private Transition startWaiting(RotationState state, Deadline deadline, Spi expectedSpi, Instant now) {
        Duration left = deadline.jitterLeft(rules.jitter().max(), now);
        Duration floor = rules.settle().compareTo(left) < 0 ? rules.settle() : left;
        return Transition.to(state.withPhase(new Waiting(deadline, expectedSpi)),
                new StartJitterWait(deadline, left, expectedSpi, floor),
                new WatchDeadline(deadline));
    }

    /**
     * Loads once the file has been quiet for the settle interval; waits for that otherwise, but
     * never past the deadline minus one settle interval (then it loads what is there, and says so).
     */
    private Transition loadWhenQuiet(RotationState state, Deadline deadline, int attempts, Instant now) {
        Instant quietAt = state.lastChangeAt().map(at -> at.plus(rules.settle())).getOrElse(now);
        Instant latest = deadline.due().minus(rules.settle());
        RotationState loading = state.withPhase(new Loading(deadline, false, attempts));
        if (!now.isBefore(quietAt)) {
            return Transition.to(loading, new LoadKeyFile());
        }
        if (!now.isBefore(latest)) {
            Duration quietFor = Duration.between(state.lastChangeAt().getOrElse(now), now);
            return Transition.to(loading, new ReportSettleCutShort(deadline, quietFor), new LoadKeyFile());
        }
        Instant wake = quietAt.isBefore(latest) ? quietAt : latest;
        return Transition.to(state.withPhase(new Settling(deadline, attempts)),
                new StartSettleWait(Duration.between(now, wake)));
    }

    private Transition retryDue(RotationState state, Instant at) {
        return switch (state.phase()) {
            case RetryWaiting r when r.changedAt().isDefined() -> loadWhenQuiet(state, r.deadline(), r.attempt(), at);
            case RetryWaiting r -> publish(state, r.deadline(), r.spi(), r.attempt() + 1, List.empty());
            case ApplyRetryWaiting r when r.atStart() ->
                    Transition.to(state.withPhase(new Loading(r.deadline(), true, r.attempts())), new LoadKeyFile());
            case ApplyRetryWaiting r -> loadWhenQuiet(state, r.deadline(), r.attempts(), at);
            case Stopped p -> Transition.stay(state);
            case Idle p -> Transition.stay(state);
            case Waiting p -> Transition.stay(state);
            case Settling p -> Transition.stay(state);
            case Loading p -> Transition.stay(state);
            case Applying p -> Transition.stay(state);
            case LookingUp p -> Transition.stay(state);
            case Publishing p -> Transition.stay(state);
        };
    }

    private Transition keysRead(RotationState state, Validation<List<KeyFileProblem>, KeySet> keys, Instant at) {
        Loading loading = expect(state, Loading.class);
        Option<Spi> kept = state.applied().map(AppliedKeys::activeSpi);
        return keys.fold(
                errors -> afterLoad(state, loading.deadline(), loading.atStart(), loading.attempts(),
                        List.of(new ReportRejected(errors, kept))),
                keySet -> validKeysRead(state, loading, keySet, kept, at));
    }

    private Transition validKeysRead(RotationState state, Loading loading, KeySet keys, Option<Spi> kept, Instant at) {
        return switch (KeyChange.judge(state.applied(), keys)) {
            case KeyChange.NewKeys newKeys when loading.atStart() && rules.startMode() == StartMode.RELAY
                    && state.applied().isDefined() -> relayRotation(state, loading.deadline(), at);
            case KeyChange.NewKeys newKeys -> Transition.to(
                    state.withPhase(new Applying(loading.deadline(), loading.atStart(), loading.attempts())),
                    new ApplyKeys(newKeys.keys(), loading.deadline().detectedAt(), state.applyFailures() + 1))
                    .prepend(wentBack(kept, newKeys.keys().activeSpi()));
            case KeyChange.Refused refused -> afterLoad(state, loading.deadline(), loading.atStart(), loading.attempts(),
                    List.of(new ReportRejected(refused.problems(), kept)));
            case KeyChange.Identical identical -> afterLoad(state, unpublishedDeadline(state, loading), loading.atStart(),
                    loading.attempts(), List.of(new ReportUnchanged(keys.activeSpi())));
        };
    }

    /** At start, keys an earlier run applied and did not mark published keep their own deadline. */
    private Deadline unpublishedDeadline(RotationState state, Loading loading) {
        return state.applied().filter(keys -> loading.atStart() && keys.publishedAt().isEmpty())
                .map(AppliedKeys::detectedAt)
                .filter(at -> at.isBefore(loading.deadline().detectedAt()))
                .map(at -> Deadline.of(at, rules.jitter().keyRotationDuration()))
                .getOrElse(loading.deadline());
    }

    /** Relay mode, a restart with other keys than the applied ones: a full rotation, as for a change. */
    private Transition relayRotation(RotationState state, Deadline deadline, Instant at) {
        List<RotationCommand> record = pendingRecord(state, deadline.detectedAt());
        return startWaiting(state, deadline, state.expectedNextSpi(), at).prepend(record);
    }

    /** A lower key id than the applied one, other than the wrap from the highest to the lowest. */
    private static List<RotationCommand> wentBack(Option<Spi> applied, Spi loaded) {
        return applied.filter(was -> loaded.value() < was.value() && !(was.value() == Spi.MAX && loaded.value() == Spi.MIN))
                .map(was -> List.<RotationCommand>of(new ReportKeyIdWentBack(was, loaded)))
                .getOrElse(List.empty());
    }

    private Transition applyAnswered(RotationState state, Option<AppliedKeys> applied) {
        Applying applying = expect(state, Applying.class);
        return afterLoad(state.withApplied(applied.orElse(state.applied())), applying.deadline(), applying.atStart(),
                applying.attempts(), List.empty());
    }

    private static Transition applyRefused(RotationState state, Duration retryIn) {
        Applying applying = expect(state, Applying.class);
        return Transition.to(state.withApplyFailures(state.applyFailures() + 1)
                        .withPhase(new ApplyRetryWaiting(applying.deadline(), applying.atStart(), applying.attempts())),
                new StartRetryWait(retryIn));
    }

    /** After loading (and maybe applying): look up what is published at start, else publish what is owed. */
    private Transition afterLoad(RotationState state, Deadline deadline, boolean atStart, int attempts,
            List<RotationCommand> notices) {
        List<RotationCommand> first = notices.append(new ForgetPendingChange());
        if (atStart) {
            RotationState asking = state.withNextRequest();
            return Transition.to(asking.withPhase(new LookingUp(deadline.detectedAt(), asking.lastRequest(), Option.none())),
                    new LookUpPublishedKey(asking.lastRequest())).prepend(first);
        }
        return state.owedSpi().fold(
                () -> Transition.to(state.withPhase(new Idle()), new ForgetDeadline()).prepend(first),
                spi -> publish(state, deadline, spi, attempts + 1, first));
    }

    private static Transition publish(RotationState state, Deadline deadline, Spi spi, int attempt,
            List<RotationCommand> notices) {
        RotationState asking = state.publishing(deadline, spi, attempt);
        return Transition.to(asking, new Publish(spi, attempt, asking.lastRequest())).prepend(notices);
    }

    /** {@code lookup}: what the cluster holds (none inside: no key), none when the lookup failed. */
    private Transition publishedKeyKnown(RotationState state, long request, Option<Option<Spi>> lookup, Instant at) {
        if (!state.awaits(request) || !(state.phase() instanceof LookingUp lookingUp)) {
            return Transition.stay(state);
        }
        RotationState known = state.withPublished(lookup.flatMap(held -> held));
        return known.owedSpi().fold(
                () -> lookingUp.changedAt().fold(
                        () -> upToDateAtStart(known, lookingUp),
                        changedAt -> startWaiting(known, Deadline.of(changedAt, rules.jitter().keyRotationDuration()),
                                known.expectedNextSpi(), at)),
                owed -> owedAtStart(known, lookingUp, lookup, owed, at));
    }

    /**
     * The cluster holds another SPI than the applied one. When an earlier run had published the
     * applied key, someone else wrote the node since: a drift, reported as the watch reports it.
     * Either way the publish goes through the jitter.
     */
    private Transition owedAtStart(RotationState state, LookingUp lookingUp, Option<Option<Spi>> lookup, Spi owed,
            Instant at) {
        Deadline deadline = Deadline.of(lookingUp.startedAt(), rules.jitter().keyRotationDuration());
        boolean drift = lookup.isDefined() && state.applied().exists(keys -> keys.publishedAt().isDefined());
        if (!drift) {
            return startWaiting(state, deadline, owed, at);
        }
        return startWaiting(state.withDrifting(true), deadline, owed, at)
                .prepend(List.of(new ReportDrift(lookup.flatMap(held -> held), owed, false, deadline.due())));
    }

    /**
     * At start the cluster already holds the applied SPI. In relay mode, keys relayed and not yet
     * seen adopted (no published mark) were adopted by Cilium before the look-up, during this
     * start-up or while the agent was down: that is the confirmation, recorded as a publish is.
     */
    private Transition upToDateAtStart(RotationState state, LookingUp lookingUp) {
        Transition idle = Transition.to(state.withPhase(new Idle()));
        return rules.startMode() == StartMode.RELAY
                ? state.applied().filter(keys -> keys.publishedAt().isEmpty())
                        .map(keys -> idle.append(List.of(new RecordPublished(keys.activeSpi(),
                                Deadline.of(lookingUp.startedAt(), rules.jitter().keyRotationDuration()), 1))))
                        .getOrElse(idle)
                : idle;
    }

    private Transition publishSucceeded(RotationState state, PublishSucceeded succeeded) {
        if (!state.awaits(succeeded.request()) || !(state.phase() instanceof Publishing p)) {
            return Transition.stay(state);
        }
        RotationState published = state.withPublished(Option.some(p.spi()));
        List<RotationCommand> record = List.of(new RecordPublished(p.spi(), p.deadline(), p.attempt()));
        Option<Option<Spi>> seen = state.seenWhilePublishing().filter(held -> !held.contains(p.spi()));
        if (seen.isDefined() && p.changedAt().isEmpty()) {
            // The cluster was seen holding another SPI after this publish was sent: it may have landed
            // after ours, so act on it as on a fresh observation.
            Transition idle = Transition.to(published.withPhase(new Idle()), new ForgetDeadline()).prepend(record);
            return drifted(idle.state(), seen.flatMap(held -> held), succeeded.at(), idle.commands());
        }
        List<RotationCommand> converged = state.drifting() ? List.of(new ReportConverged(p.spi())) : List.empty();
        RotationState next = published.withDrifting(false);
        return p.changedAt().fold(
                () -> Transition.to(next.withPhase(new Idle()), new ForgetDeadline()),
                changedAt -> startWaiting(next, Deadline.of(changedAt, rules.jitter().keyRotationDuration()),
                        next.expectedNextSpi(), succeeded.at()))
                .prepend(record.appendAll(converged));
    }

    private Transition ownNodeKeyObserved(RotationState state, Option<Spi> held, Instant at) {
        Option<Spi> appliedSpi = state.applied().map(AppliedKeys::activeSpi);
        if (appliedSpi.isEmpty()) {
            return Transition.stay(state); // nothing applied: nothing to converge to
        }
        return switch (state.phase()) {
            // The answers to the lookup and the publish say what the cluster holds; a watch event seen
            // meanwhile may be older than this node's write, so it is only remembered.
            case Publishing p -> Transition.stay(state.withSeenWhilePublishing(held));
            case LookingUp l -> Transition.stay(state);
            case Stopped s -> Transition.stay(state);
            case Loading l -> Transition.stay(state);
            case Applying a -> Transition.stay(state);
            case Idle idle -> drifted(state, held, at, List.empty());
            // A rotation is under way and publishes what is owed when it ends.
            case Waiting w -> noted(state, held, w.deadline());
            case Settling s -> noted(state, held, s.deadline());
            case RetryWaiting r -> noted(state, held, r.deadline());
            case ApplyRetryWaiting r -> noted(state, held, r.deadline());
        };
    }

    /** Idle: converged, or a drift to repair (at once if this run caused it, else through the jitter). */
    private Transition drifted(RotationState state, Option<Spi> held, Instant at, List<RotationCommand> before) {
        Spi applied = state.applied().map(AppliedKeys::activeSpi).getOrElse(state.expectedNextSpi());
        RotationState known = state.withPublished(held);
        if (held.contains(applied)) {
            return state.drifting()
                    ? Transition.to(known.withDrifting(false), new ReportConverged(applied)).prepend(before)
                    : new Transition(known, before);
        }
        RotationState drifting = known.withDrifting(true);
        boolean causedHere = held.exists(state.sentHere()::contains);
        Deadline deadline = Deadline.of(at, rules.jitter().keyRotationDuration());
        if (causedHere) {
            return publish(drifting, deadline, applied, 1,
                    before.append(new ReportDrift(held, applied, true, at)));
        }
        return startWaiting(drifting, deadline, applied, at)
                .prepend(before.append(new ReportDrift(held, applied, false, deadline.due())));
    }

    /** During a rotation: remember what the cluster holds, and report a drift once. */
    private static Transition noted(RotationState state, Option<Spi> held, Deadline deadline) {
        Spi applied = state.applied().map(AppliedKeys::activeSpi).getOrElse(state.expectedNextSpi());
        RotationState known = state.withPublished(held);
        if (held.contains(applied)) {
            return state.drifting()
                    ? Transition.to(known.withDrifting(false), new ReportConverged(applied))
                    : Transition.stay(known);
        }
        return state.drifting()
                ? Transition.stay(known)
                : Transition.to(known.withDrifting(true),
                        new ReportDrift(held, applied, held.exists(state.sentHere()::contains), deadline.due()));
    }

    private Transition deadlineReached(RotationState state, Deadline deadline) {
        Option<Spi> late = switch (state.phase()) {
            case Waiting w when w.deadline().equals(deadline) -> Option.some(w.expectedSpi());
            case Settling s when s.deadline().equals(deadline) -> Option.some(state.expectedNextSpi());
            case ApplyRetryWaiting r when r.deadline().equals(deadline) -> Option.some(state.expectedNextSpi());
            case Publishing p when p.deadline().equals(deadline) -> Option.some(p.spi());
            case RetryWaiting r when r.deadline().equals(deadline) -> Option.some(r.spi());
            // Another rotation's deadline, or no rotation is waiting on the cluster.
            case Waiting w -> Option.none();
            case Settling s -> Option.none();
            case ApplyRetryWaiting r -> Option.none();
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
