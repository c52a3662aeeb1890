package io.ipseckeyagent.application.service;

import io.ipseckeyagent.application.port.in.HandleKeyFileChangeUseCase;
import io.ipseckeyagent.application.port.in.ObserveOwnNodeUseCase;
import io.ipseckeyagent.application.port.in.ObserveRemoteNodeUseCase;
import io.ipseckeyagent.application.port.in.StartAgentUseCase;
import io.ipseckeyagent.application.port.in.StopAgentUseCase;
import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.application.port.out.AgentEventsPort;
import io.ipseckeyagent.application.port.out.ClockPort;
import io.ipseckeyagent.application.port.out.ClusterViewPort;
import io.ipseckeyagent.application.port.out.DatapathPort;
import io.ipseckeyagent.application.port.out.KeyFileContent;
import io.ipseckeyagent.application.port.out.KeyFileSourcePort;
import io.ipseckeyagent.application.port.out.NodeKeyPublisherPort;
import io.ipseckeyagent.application.port.out.NodeKeyPublisherPort.PublishedKeyLookup;
import io.ipseckeyagent.application.port.out.PublishOutcome;
import io.ipseckeyagent.application.port.out.RandomSourcePort;
import io.ipseckeyagent.application.port.out.SchedulerPort;
import io.ipseckeyagent.domain.jitter.JitterBound;
import io.ipseckeyagent.domain.jitter.JitterInput;
import io.ipseckeyagent.domain.key.KeyFileCheck;
import io.ipseckeyagent.domain.key.KeyFileProblem;
import io.ipseckeyagent.domain.key.KeySet;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.domain.rotation.RotationCommand;
import io.ipseckeyagent.domain.rotation.RotationCommand.ApplyKeys;
import io.ipseckeyagent.domain.rotation.RotationCommand.CancelTimers;
import io.ipseckeyagent.domain.rotation.RotationCommand.ForgetDeadline;
import io.ipseckeyagent.domain.rotation.RotationCommand.ForgetPendingChange;
import io.ipseckeyagent.domain.rotation.RotationCommand.RecordPendingChange;
import io.ipseckeyagent.domain.rotation.RotationCommand.ReportConverged;
import io.ipseckeyagent.domain.rotation.RotationCommand.ReportDrift;
import io.ipseckeyagent.domain.rotation.RotationCommand.ReportKeyIdWentBack;
import io.ipseckeyagent.domain.rotation.RotationCommand.ReportResumed;
import io.ipseckeyagent.domain.rotation.RotationCommand.ReportSettleCutShort;
import io.ipseckeyagent.domain.rotation.RotationCommand.StartSettleWait;
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
import io.ipseckeyagent.domain.rotation.RotationInput;
import io.ipseckeyagent.domain.rotation.RotationMachine;
import io.ipseckeyagent.domain.rotation.RotationState;
import io.ipseckeyagent.domain.rotation.Transition;
import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * The agent's core: runs the domain's {@link RotationMachine} against the out ports, and serves
 * the four use cases.
 *
 * <p>It owns no thread and never blocks on its own. Every use case call only posts a task to
 * {@link SchedulerPort#execute}; all state lives on that serial executor, so nothing needs a lock.
 * Reading the key file (bounded, local) and applying keys run on that thread; publishing is
 * asynchronous, and its completion is posted back through {@code execute} before it touches any
 * state. So one thread and one virtual clock can drive any number of services side by side.
 *
 * <p>Choices worth knowing:
 * <ul>
 *   <li>The jitter comes before the load, as the proposal says. {@code node-hash} mixes in the SPI
 *       the rotation is expected to publish: the applied one plus one (Cilium's documented rotation),
 *       or, at start, the applied one that is owed. The file is not read early just to hash it.
 *   <li>At start, a changed file is applied at once (local work); only the publish waits. In relay
 *       mode ({@link AgentSettings#startMode()}) it goes through a full jittered rotation instead.
 *   <li>When the jitter wait ends, the file is loaded only once it has been quiet for the settle
 *       interval, so a burst is one load and one publish.
 *   <li>What this node's CiliumNode holds ({@link ObserveOwnNodeUseCase}) is compared with what is
 *       applied; a drift is reported and repaired.
 *   <li>Every failed publish, 403 and 404 included, is retried with the backoff; each failure is
 *       reported as {@link AgentEvent.PublishFailed} with its outcome.
 * </ul>
 */
public final class RotationService
        implements HandleKeyFileChangeUseCase, StartAgentUseCase, StopAgentUseCase, ObserveRemoteNodeUseCase,
        ObserveOwnNodeUseCase {

    private static final SchedulerPort.Cancellable NO_TIMER = () -> false;

    private final AgentSettings settings;
    private final KeyFileSourcePort keyFile;
    private final DatapathPort datapath;
    private final NodeKeyPublisherPort publisher;
    private final ClusterViewPort clusterView;
    private final ClockPort clock;
    private final SchedulerPort scheduler;
    private final RandomSourcePort random;
    private final AgentEventsPort events;
    private final RotationMachine machine;

    // Touched only on the scheduler's thread.
    private RotationState state = RotationState.initial();
    private SchedulerPort.Cancellable wait = NO_TIMER;
    private SchedulerPort.Cancellable deadlineWatch = NO_TIMER;
    // Inputs not yet fed to the machine: a load's or an apply's answer, nearly always one at most.
    // The first waits in a field of the service (no queue object to touch per event: a fleet
    // simulation handles millions, each on a service cold in the cache), any more behind it.
    private RotationInput nextInput; // null when none waits
    private ArrayDeque<RotationInput> laterInputs; // made when a second one waits
    private boolean handling;
    public RotationService(AgentSettings settings, KeyFileSourcePort keyFile, DatapathPort datapath,
            NodeKeyPublisherPort publisher, ClusterViewPort clusterView, ClockPort clock, SchedulerPort scheduler,
            RandomSourcePort random, AgentEventsPort events) {
        this.settings = settings;
        this.keyFile = keyFile;
        this.datapath = datapath;
        this.publisher = publisher;
        this.clusterView = clusterView;
        this.clock = clock;
        this.scheduler = scheduler;
        this.random = random;
        this.events = events;
        this.machine = new RotationMachine(settings.rules());
    }

    @Override
    public void start() {
        scheduler.execute(() -> handle(new RotationInput.Started(clock.now(), datapath.lastApplied(),
                datapath.pendingChange())));
    }

    @Override
    public void stop() {
        scheduler.execute(() -> handle(new RotationInput.StopRequested()));
    }

    @Override
    public void keyFileChanged() {
        scheduler.execute(() -> handle(new RotationInput.ChangeDetected(clock.now())));
    }

    @Override
    public void ownNodeKeyObserved(Option<Spi> spi) {
        scheduler.execute(() -> handle(new RotationInput.OwnNodeKeyObserved(spi, clock.now())));
    }

    /**
     * Relayed as it comes: the watch reports only changes ({@link ObserveRemoteNodeUseCase}), so the core
     * keeps no copy of every other node's key (the watch's view is the one per-node store).
     */
    @Override
    public void remoteNodeKeyChanged(NodeName node, Option<Spi> spi) {
        scheduler.execute(() -> events.emit(new AgentEvent.RemoteNodeUpdated(clock.now(), settings.clusterName(), node, spi)));
    }

    @Override
    public void remoteNodeRemoved(NodeName node) {
        scheduler.execute(() -> events.emit(new AgentEvent.RemoteNodeRemoved(clock.now(), settings.clusterName(), node)));
    }

    /** Feeds one event to the machine, then the answers its commands produce, until all are handled. */
    private void handle(RotationInput event) {
        if (handling) {
            enqueue(event);
            return;
        }
        handling = true;
        try {
            for (RotationInput input = event; input != null; input = dequeue()) {
                Transition transition = machine.on(state, input);
                state = transition.state();
                // A loop over the list itself, not forEach: no iterator per transition (millions in a fleet simulation).
                for (List<RotationCommand> commands = transition.commands(); !commands.isEmpty(); commands = commands.tail()) {
                    carryOut(commands.head());
                }
            }
        } finally {
            handling = false;
            nextInput = null;
            laterInputs = null;
        }
    }

    private void enqueue(RotationInput input) {
        if (nextInput == null) {
            nextInput = input;
            return;
        }
        if (laterInputs == null) {
            laterInputs = new ArrayDeque<>(2);
        }
        laterInputs.add(input);
    }

    /** The input that has waited longest, null when none waits. */
    private RotationInput dequeue() {
        RotationInput input = nextInput;
        nextInput = laterInputs == null ? null : laterInputs.poll();
        return input;
    }

    private void carryOut(RotationCommand command) {
        switch (command) {
            case LoadKeyFile load -> enqueue(loadKeyFile());
            case ApplyKeys apply -> enqueue(applyKeys(apply));
            case LookUpPublishedKey lookUp -> lookUpPublishedKey(lookUp.request());
            case StartJitterWait jitterWait -> startJitterWait(jitterWait);
            case Publish publish -> publish(publish);
            case StartRetryWait retryWait -> {
                wait.cancel();
                wait = scheduler.schedule(retryWait.delay(), () -> handle(new RotationInput.RetryDue(clock.now())));
            }
            case StartSettleWait settleWait -> {
                wait.cancel();
                wait = scheduler.schedule(settleWait.delay(), () -> handle(new RotationInput.SettleWaitOver(clock.now())));
            }
            case RecordPendingChange pending -> datapath.recordPendingChange(pending.change()).swap()
                    .forEach(reason -> events.emit(new AgentEvent.ApplyFailed(clock.now(), state.expectedNextSpi(),
                            "the rotation's start is not recorded, a restart would start a new window: " + reason)));
            case ForgetPendingChange forget -> datapath.forgetPendingChange().swap()
                    .forEach(reason -> events.emit(new AgentEvent.ApplyFailed(clock.now(), state.expectedNextSpi(),
                            "a finished rotation's start is still recorded: " + reason)));
            case RecordPublished published -> recordPublished(published);
            case WatchDeadline watch -> {
                deadlineWatch.cancel();
                deadlineWatch = scheduler.schedule(Duration.between(clock.now(), watch.deadline().due()),
                        () -> handle(new RotationInput.DeadlineReached(watch.deadline())));
            }
            case ForgetDeadline forget -> deadlineWatch.cancel();
            case CancelTimers cancel -> {
                wait.cancel();
                deadlineWatch.cancel();
            }
            case ReportChange change -> events.emit(new AgentEvent.KeyFileChangeDetected(clock.now(), change.coalesced()));
            case ReportUnchanged unchanged -> events.emit(new AgentEvent.KeysUnchanged(clock.now(), unchanged.spi()));
            case ReportRejected rejected -> events.emit(new AgentEvent.KeysRejected(clock.now(), keyFile.location(),
                    rejected.errors(), rejected.keptSpi()));
            case ReportOverdue overdue -> events.emit(new AgentEvent.AdoptionOverdue(clock.now(), overdue.spi(),
                    overdue.deadline().detectedAt(), overdue.deadline().due()));
            case ReportCancelled cancelled -> events.emit(new AgentEvent.RotationCancelled(clock.now(), cancelled.reason()));
            case ReportSettleCutShort cut -> events.emit(new AgentEvent.KeyFileSettleCutShort(clock.now(), cut.quietFor(),
                    cut.deadline().due()));
            case ReportResumed resumed -> events.emit(new AgentEvent.RotationResumed(clock.now(),
                    resumed.deadline().detectedAt(), resumed.deadline().due()));
            case ReportKeyIdWentBack back -> events.emit(new AgentEvent.KeyIdWentBack(clock.now(), back.applied(), back.loaded()));
            case ReportDrift drift -> events.emit(new AgentEvent.OwnNodeDriftDetected(clock.now(), settings.nodeName(),
                    drift.held(), drift.applied(), drift.causedHere(), drift.repairBy()));
            case ReportConverged converged -> events.emit(new AgentEvent.OwnNodeConverged(clock.now(), settings.nodeName(),
                    converged.spi()));
        }
    }

    private RotationInput loadKeyFile() {
        return new RotationInput.KeysRead(keyFile.read().fold(
                failure -> Validation.invalid(List.of(KeyFileProblem.ofFile(failure.problem()))),
                this::parse), clock.now());
    }

    private Validation<List<KeyFileProblem>, KeySet> parse(KeyFileContent content) {
        KeyFileCheck check = content.check();
        List<KeyFileProblem> warnings = check.warnings().appendAll(content.warnings().map(KeyFileProblem::ofFile));
        check.keySet().forEach(keys -> events.emit(new AgentEvent.KeysLoaded(clock.now(), keyFile.location(),
                keys.activeSpi(), keys.size(), keys.active().suite().fingerprint(), warnings)));
        return check.keys();
    }

    private RotationInput applyKeys(ApplyKeys apply) {
        Instant now = clock.now();
        return datapath.apply(apply.keys(), apply.detectedAt(), now).fold(
                reason -> {
                    events.emit(new AgentEvent.ApplyFailed(now, apply.keys().activeSpi(), reason));
                    return new RotationInput.NotApplied(
                            settings.retryBackoff().delay(apply.attempt(), random.nextUniform(), Option.none()));
                },
                applied -> {
                    events.emit(new AgentEvent.KeysApplied(now, applied));
                    return new RotationInput.Applied(applied);
                });
    }

    private void lookUpPublishedKey(long request) {
        publisher.publishedKey(settings.nodeName()).whenComplete((lookup, bug) -> scheduler.execute(() -> {
            PublishedKeyLookup answer = lookup != null ? lookup
                    : new PublishedKeyLookup.Failed(new PublishOutcome.Failed("lookup failed: " + bug));
            handle(lookedUp(request, answer, clock.now()));
        }));
    }

    private RotationInput lookedUp(long request, PublishedKeyLookup lookup, Instant now) {
        return switch (lookup) {
            case PublishedKeyLookup.Found found -> new RotationInput.PublishedKeyFound(request, found.spi(), now);
            case PublishedKeyLookup.Failed failed -> {
                if (state.awaits(request)) {
                    events.emit(new AgentEvent.PublishedKeyLookupFailed(now, settings.nodeName(), failed.outcome()));
                }
                yield new RotationInput.PublishedKeyUnknown(request, now);
            }
        };
    }

    /** The machine's {@code max} is what is left of the window; {@code auto} narrows it to N / rate at the draw. */
    private void startJitterWait(StartJitterWait command) {
        JitterBound bound = settings.jitter().bound(clusterView.knownNodes().size());
        Duration max = bound.max().compareTo(command.max()) < 0 ? bound.max() : command.max();
        // The settle interval is the shortest delay: drawn over [floor, max], never below the floor.
        Duration spread = max.compareTo(command.floor()) > 0 ? max.minus(command.floor()) : Duration.ZERO;
        Duration delay = command.floor().plus(settings.policy().delay(new JitterInput(spread, settings.nodeName(),
                command.expectedSpi(), clusterView::knownNodes, random::nextUniform)));
        Instant now = clock.now();
        events.emit(new AgentEvent.JitterChosen(now, settings.policy().name(), delay, max, now.plus(delay),
                command.deadline().due(), bound));
        wait.cancel();
        wait = scheduler.schedule(delay, () -> handle(new RotationInput.JitterWaitOver(clock.now())));
    }

    private void publish(Publish attempt) {
        publisher.publish(settings.nodeName(), attempt.spi()).whenComplete((outcome, bug) -> scheduler.execute(() ->
                publishAnswered(attempt, outcome != null ? outcome : new PublishOutcome.Failed("publish failed: " + bug))));
    }

    private void publishAnswered(Publish attempt, PublishOutcome outcome) {
        if (!state.awaits(attempt.request())) {
            return; // the answer to an attempt made before a stop
        }
        Instant now = clock.now();
        switch (outcome) {
            case PublishOutcome.Published published -> handle(new RotationInput.PublishSucceeded(attempt.request(), now));
            case PublishOutcome.RetryAfter retryAfter -> publishFailed(attempt, outcome, Option.some(retryAfter.delay()), now);
            case PublishOutcome.Conflict conflict -> publishFailed(attempt, outcome, Option.none(), now);
            case PublishOutcome.NotFound notFound -> publishFailed(attempt, outcome, Option.none(), now);
            case PublishOutcome.Forbidden forbidden -> publishFailed(attempt, outcome, Option.none(), now);
            case PublishOutcome.Failed failed -> publishFailed(attempt, outcome, Option.none(), now);
        }
    }

    /** Reports the failed attempt and retries after the backoff, no sooner than {@code floor}. */
    private void publishFailed(Publish attempt, PublishOutcome outcome, Option<Duration> floor, Instant now) {
        Duration retryIn = settings.retryBackoff().delay(attempt.attempt(), random.nextUniform(), floor);
        events.emit(new AgentEvent.PublishFailed(now, settings.nodeName(), attempt.spi(), outcome, attempt.attempt(),
                retryIn));
        handle(new RotationInput.PublishAttemptFailed(attempt.request(), retryIn));
    }

    private void recordPublished(RecordPublished published) {
        Instant now = clock.now();
        datapath.markPublished(published.spi(), now).swap().forEach(reason -> events.emit(new AgentEvent.ApplyFailed(
                now, published.spi(), "published, but not recorded locally: " + reason)));
        events.emit(new AgentEvent.KeyPublished(now, settings.nodeName(), published.spi(),
                Duration.between(published.deadline().detectedAt(), now), published.attempts()));
    }
}
