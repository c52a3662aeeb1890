package io.ipseckeyagent.application.service;

import io.ipseckeyagent.application.port.in.HandleKeyFileChangeUseCase;
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
import io.ipseckeyagent.domain.jitter.JitterInput;
import io.ipseckeyagent.domain.key.KeyFileCheck;
import io.ipseckeyagent.domain.key.KeyFileParser;
import io.ipseckeyagent.domain.key.KeyFileProblem;
import io.ipseckeyagent.domain.key.KeySet;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.domain.rotation.RotationCommand;
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
import io.ipseckeyagent.domain.rotation.RotationEvent;
import io.ipseckeyagent.domain.rotation.RotationMachine;
import io.ipseckeyagent.domain.rotation.RotationState;
import io.ipseckeyagent.domain.rotation.Transition;
import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

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
 *   <li>At start, a changed file is applied at once (local work); only the publish waits.
 *   <li>Every failed publish, 403 and 404 included, is retried with the backoff; each failure is
 *       reported as {@link AgentEvent.PublishFailed} with its outcome.
 * </ul>
 */
public final class RotationService
        implements HandleKeyFileChangeUseCase, StartAgentUseCase, StopAgentUseCase, ObserveRemoteNodeUseCase {

    private static final SchedulerPort.Cancellable NO_TIMER = () -> false;
    private static final int NO_KEY = 0;

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
    private final ArrayDeque<RotationEvent> unhandled = new ArrayDeque<>(4);
    private boolean handling;
    /** The last SPI seen per remote node (0: none), to report only real changes. */
    private final Map<NodeName, Integer> remoteSpis = new HashMap<>();

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
        this.machine = new RotationMachine(settings.jitter());
    }

    @Override
    public void start() {
        scheduler.execute(() -> handle(new RotationEvent.Started(clock.now(), datapath.lastApplied())));
    }

    @Override
    public void stop() {
        scheduler.execute(() -> handle(new RotationEvent.StopRequested()));
    }

    @Override
    public void keyFileChanged() {
        scheduler.execute(() -> handle(new RotationEvent.ChangeDetected(clock.now())));
    }

    @Override
    public void remoteNodeKeyChanged(NodeName node, Option<Spi> spi) {
        scheduler.execute(() -> {
            int seen = spi.map(Spi::value).getOrElse(NO_KEY);
            Integer before = remoteSpis.put(node, seen);
            if (before == null || before != seen) {
                events.emit(new AgentEvent.RemoteNodeUpdated(clock.now(), settings.clusterName(), node, spi));
            }
        });
    }

    @Override
    public void remoteNodeRemoved(NodeName node) {
        scheduler.execute(() -> {
            if (remoteSpis.remove(node) != null) {
                events.emit(new AgentEvent.RemoteNodeRemoved(clock.now(), settings.clusterName(), node));
            }
        });
    }

    /** Feeds one event to the machine, then the answers its commands produce, until all are handled. */
    private void handle(RotationEvent event) {
        unhandled.add(event);
        if (handling) {
            return;
        }
        handling = true;
        try {
            while (!unhandled.isEmpty()) {
                Transition transition = machine.on(state, unhandled.poll());
                state = transition.state();
                transition.commands().forEach(this::carryOut);
            }
        } finally {
            handling = false;
            unhandled.clear();
        }
    }

    private void carryOut(RotationCommand command) {
        if (command instanceof LoadKeyFile) {
            unhandled.add(loadKeyFile());
        } else if (command instanceof ApplyKeys apply) {
            unhandled.add(applyKeys(apply));
        } else if (command instanceof LookUpPublishedKey lookUp) {
            lookUpPublishedKey(lookUp.request());
        } else if (command instanceof StartJitterWait jitterWait) {
            startJitterWait(jitterWait);
        } else if (command instanceof Publish publish) {
            publish(publish);
        } else if (command instanceof StartRetryWait retryWait) {
            wait.cancel();
            wait = scheduler.schedule(retryWait.delay(), () -> handle(new RotationEvent.RetryDue()));
        } else if (command instanceof RecordPublished published) {
            recordPublished(published);
        } else if (command instanceof WatchDeadline watch) {
            deadlineWatch.cancel();
            deadlineWatch = scheduler.schedule(Duration.between(clock.now(), watch.deadline().due()),
                    () -> handle(new RotationEvent.DeadlineReached(watch.deadline())));
        } else if (command instanceof ForgetDeadline) {
            deadlineWatch.cancel();
        } else if (command instanceof CancelTimers) {
            wait.cancel();
            deadlineWatch.cancel();
        } else {
            events.emit(report(command, clock.now()));
        }
    }

    private AgentEvent report(RotationCommand notice, Instant now) {
        if (notice instanceof ReportChange change) {
            return new AgentEvent.KeyFileChangeDetected(now, change.coalesced());
        }
        if (notice instanceof ReportUnchanged unchanged) {
            return new AgentEvent.KeysUnchanged(now, unchanged.spi());
        }
        if (notice instanceof ReportRejected rejected) {
            return new AgentEvent.KeysRejected(now, keyFile.location(), rejected.errors(), rejected.keptSpi());
        }
        if (notice instanceof ReportOverdue overdue) {
            return new AgentEvent.AdoptionOverdue(now, overdue.spi(), overdue.deadline().detectedAt(),
                    overdue.deadline().due());
        }
        return new AgentEvent.RotationCancelled(now, ((ReportCancelled) notice).reason());
    }

    private RotationEvent loadKeyFile() {
        return new RotationEvent.KeysRead(keyFile.read().fold(
                failure -> Validation.invalid(List.of(KeyFileProblem.ofFile(failure.problem()))),
                this::parse));
    }

    private Validation<List<KeyFileProblem>, KeySet> parse(KeyFileContent content) {
        KeyFileCheck check = KeyFileParser.parse(content.bytes());
        List<KeyFileProblem> warnings = check.warnings().appendAll(content.warnings().map(KeyFileProblem::ofFile));
        check.keySet().forEach(keys -> events.emit(new AgentEvent.KeysLoaded(clock.now(), keyFile.location(),
                keys.activeSpi(), keys.size(), keys.active().suite().fingerprint(), warnings)));
        return check.keys();
    }

    private RotationEvent applyKeys(ApplyKeys apply) {
        Instant now = clock.now();
        return datapath.apply(apply.keys(), apply.detectedAt(), now).fold(
                reason -> {
                    events.emit(new AgentEvent.ApplyFailed(now, apply.keys().activeSpi(), reason));
                    return new RotationEvent.NotApplied();
                },
                applied -> {
                    events.emit(new AgentEvent.KeysApplied(now, applied));
                    return new RotationEvent.Applied(applied);
                });
    }

    private void lookUpPublishedKey(long request) {
        publisher.publishedKey(settings.nodeName()).whenComplete((lookup, bug) -> scheduler.execute(() -> {
            PublishedKeyLookup answer = lookup != null ? lookup
                    : new PublishedKeyLookup.Failed(new PublishOutcome.Failed("lookup failed: " + bug));
            handle(lookedUp(request, answer, clock.now()));
        }));
    }

    private RotationEvent lookedUp(long request, PublishedKeyLookup lookup, Instant now) {
        if (lookup instanceof PublishedKeyLookup.Found found) {
            return new RotationEvent.PublishedKeyFound(request, found.spi(), now);
        }
        if (state.awaits(request)) {
            events.emit(new AgentEvent.PublishedKeyLookupFailed(now, settings.nodeName(),
                    ((PublishedKeyLookup.Failed) lookup).outcome()));
        }
        return new RotationEvent.PublishedKeyUnknown(request, now);
    }

    private void startJitterWait(StartJitterWait command) {
        Duration delay = settings.policy().delay(new JitterInput(command.max(), settings.nodeName(),
                command.expectedSpi(), clusterView::knownNodes, random::nextUniform));
        Instant now = clock.now();
        events.emit(new AgentEvent.JitterChosen(now, settings.policy().name(), delay, command.max(), now.plus(delay),
                command.deadline().due()));
        wait.cancel();
        wait = scheduler.schedule(delay, () -> handle(new RotationEvent.JitterWaitOver()));
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
        if (outcome instanceof PublishOutcome.Published) {
            handle(new RotationEvent.PublishSucceeded(attempt.request(), now));
            return;
        }
        Option<Duration> floor = outcome instanceof PublishOutcome.RetryAfter retryAfter
                ? Option.some(retryAfter.delay())
                : Option.none();
        Duration retryIn = settings.retryBackoff().delay(attempt.attempt(), random.nextUniform(), floor);
        events.emit(new AgentEvent.PublishFailed(now, settings.nodeName(), attempt.spi(), outcome, attempt.attempt(),
                retryIn));
        handle(new RotationEvent.PublishAttemptFailed(attempt.request(), retryIn));
    }

    private void recordPublished(RecordPublished published) {
        Instant now = clock.now();
        datapath.markPublished(published.spi(), now).swap().forEach(reason -> events.emit(new AgentEvent.ApplyFailed(
                now, published.spi(), "published, but not recorded locally: " + reason)));
        events.emit(new AgentEvent.KeyPublished(now, settings.nodeName(), published.spi(),
                Duration.between(published.deadline().detectedAt(), now), published.attempts()));
    }
}
