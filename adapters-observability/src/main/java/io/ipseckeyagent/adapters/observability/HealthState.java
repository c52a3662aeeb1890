package io.ipseckeyagent.adapters.observability;

import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.application.port.out.AgentEvent.AdoptionOverdue;
import io.ipseckeyagent.application.port.out.AgentEvent.ApplyFailed;
import io.ipseckeyagent.application.port.out.AgentEvent.KeyAdoptionConfirmed;
import io.ipseckeyagent.application.port.out.AgentEvent.KeyPublished;
import io.ipseckeyagent.application.port.out.AgentEvent.KeysApplied;
import io.ipseckeyagent.application.port.out.AgentEvent.KeysLoaded;
import io.ipseckeyagent.application.port.out.AgentEvent.KeysRejected;
import io.ipseckeyagent.application.port.out.AgentEvent.KeysUnchanged;
import io.ipseckeyagent.application.port.out.AgentEvent.JitterChosen;
import io.ipseckeyagent.application.port.out.AgentEvent.KeyFileChangeDetected;
import io.ipseckeyagent.application.port.out.AgentEvent.PublishFailed;
import io.ipseckeyagent.application.port.out.AgentEvent.PublishedKeyLookupFailed;
import io.ipseckeyagent.application.port.out.AgentEvent.RemoteNodeRemoved;
import io.ipseckeyagent.application.port.out.AgentEvent.RemoteNodeUpdated;
import io.ipseckeyagent.application.port.out.AgentEvent.RotationCancelled;
import io.ipseckeyagent.application.port.out.AgentEventsPort;
import io.ipseckeyagent.domain.key.KeyFileProblem;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The agent's health, derived from its events. Unhealthy while any condition holds: the agent has
 * not read its key file yet (so a readiness probe waits for the first load), the key file is
 * invalid (until it loads again), applying failed (until keys apply or the file matches the applied
 * key), the published key could not be looked up at start (until a publish succeeds), the last
 * publish attempt failed (until one succeeds), adoption is overdue (until the SPI is published). Safe to read from the HTTP thread while the agent's thread writes.
 */
final class HealthState implements AgentEventsPort {
    /** In the order {@code /healthz} lists them. */
    private enum Condition { STARTING, KEY_FILE_INVALID, APPLY_FAILING, LOOKUP_FAILED, PUBLISH_FAILING, ADOPTION_OVERDUE }

    private final AtomicReference<SortedMap<Condition, String>> failing =
            new AtomicReference<>(TreeMap.of(Condition.STARTING, "starting: the key file has not been read yet"));

    HealthStatus status() {
        return new HealthStatus(failing.get().values().toList());
    }

    @Override
    public void emit(AgentEvent event) {
        switch (event) {
            case KeysRejected e -> {
                clear(Condition.STARTING);
                KeyFileProblem first = e.errors().headOption().getOrElse(() -> KeyFileProblem.ofFile("invalid"));
                String more = e.errors().size() > 1 ? " (and " + (e.errors().size() - 1) + " more)" : "";
                fail(Condition.KEY_FILE_INVALID, "Failed to load IPsec keyfile: " + first.render(e.location()) + more);
            }
            case KeysLoaded e -> {
                clear(Condition.STARTING);
                clear(Condition.KEY_FILE_INVALID);
            }
            case KeysUnchanged e -> {
                clear(Condition.KEY_FILE_INVALID);
                clear(Condition.APPLY_FAILING);
            }
            case ApplyFailed e -> fail(Condition.APPLY_FAILING, "Failed to apply IPsec key SPI " + e.spi() + ": " + e.reason());
            case KeysApplied e -> clear(Condition.APPLY_FAILING);
            case PublishFailed e -> fail(Condition.PUBLISH_FAILING, "Failed to update CiliumNode " + e.node() + " with SPI "
                    + e.spi() + " (attempt " + e.attempt() + "): " + PublishOutcomes.name(e.outcome()) + ": "
                    + PublishOutcomes.reason(e.outcome()));
            case PublishedKeyLookupFailed e -> fail(Condition.LOOKUP_FAILED, "Failed to get CiliumNode " + e.node()
                    + " to learn its published IPsec key: " + PublishOutcomes.name(e.outcome()) + ": "
                    + PublishOutcomes.reason(e.outcome()));
            case AdoptionOverdue e ->
                    fail(Condition.ADOPTION_OVERDUE, "IPsec key SPI " + e.spi() + " not adopted by its deadline " + e.deadline());
            case KeyPublished e -> adopted();
            case KeyAdoptionConfirmed e -> adopted();
            // No bearing on health.
            case KeyFileChangeDetected e -> {}
            case JitterChosen e -> {}
            case RemoteNodeUpdated e -> {}
            case RemoteNodeRemoved e -> {}
            case RotationCancelled e -> {}
        }
    }

    /** Published by this agent, or (relay mode) by cilium-agent: nothing is owed any more. */
    private void adopted() {
        clear(Condition.PUBLISH_FAILING);
        clear(Condition.LOOKUP_FAILED);
        clear(Condition.ADOPTION_OVERDUE);
    }

    private void fail(Condition condition, String reason) {
        failing.updateAndGet(conditions -> conditions.put(condition, reason));
    }

    private void clear(Condition condition) {
        failing.updateAndGet(conditions -> conditions.remove(condition));
    }
}
