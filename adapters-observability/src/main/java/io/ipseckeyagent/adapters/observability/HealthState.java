package io.ipseckeyagent.adapters.observability;

import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.application.port.out.AgentEvent.AdoptionOverdue;
import io.ipseckeyagent.application.port.out.AgentEvent.ApplyFailed;
import io.ipseckeyagent.application.port.out.AgentEvent.ClusterViewFailing;
import io.ipseckeyagent.application.port.out.AgentEvent.ClusterViewStale;
import io.ipseckeyagent.application.port.out.AgentEvent.ClusterViewSynced;
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
import io.ipseckeyagent.application.port.out.AgentEvent.KeyFileSettleCutShort;
import io.ipseckeyagent.application.port.out.AgentEvent.KeyIdWentBack;
import io.ipseckeyagent.application.port.out.AgentEvent.OwnNodeConverged;
import io.ipseckeyagent.application.port.out.AgentEvent.OwnNodeDriftDetected;
import io.ipseckeyagent.application.port.out.AgentEvent.RotationResumed;
import io.ipseckeyagent.application.port.out.AgentEventsPort;
import io.ipseckeyagent.domain.key.KeyFileProblem;
import io.ipseckeyagent.domain.time.GoDuration;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The agent's health, derived from its events. Unhealthy while any condition holds: the agent has
 * not read its key file yet (so a readiness probe waits for the first load), the key file is
 * invalid (until it loads again), applying failed (until keys apply or the file matches the applied
 * key), the published key could not be looked up at start (until a publish succeeds), the last
 * publish attempt failed (until one succeeds), adoption is overdue (until the SPI is published), the API
 * server has not answered yet, listing or watching CiliumNodes fails or the view is stale (until the
 * watch is in sync again), this node's CiliumNode holds another SPI than the applied one (until it
 * converges). Safe to read from the HTTP thread while the agent's thread writes.
 */
final class HealthState implements AgentEventsPort {
    /** In the order {@code /healthz} lists them. */
    private enum Condition { STARTING, API_STARTING, KEY_FILE_INVALID, APPLY_FAILING, LOOKUP_FAILED, PUBLISH_FAILING, ADOPTION_OVERDUE,
        CLUSTER_VIEW_FAILING, CLUSTER_VIEW_STALE, OWN_NODE_DRIFT }

    private final AtomicReference<SortedMap<Condition, String>> failing =
            new AtomicReference<>(TreeMap.of(Condition.STARTING, "starting: the key file has not been read yet",
                    Condition.API_STARTING, "starting: no answer from the API server yet"));

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
            case ClusterViewSynced e -> {
                clear(Condition.API_STARTING);
                clear(Condition.CLUSTER_VIEW_FAILING);
                clear(Condition.CLUSTER_VIEW_STALE);
            }
            // The first answer, even a failure, ends "starting": from then on the failure is the reason.
            case ClusterViewFailing e -> {
                clear(Condition.API_STARTING);
                fail(Condition.CLUSTER_VIEW_FAILING, "degraded: failed to list or watch CiliumNodes: " + e.reason());
            }
            case ClusterViewStale e -> fail(Condition.CLUSTER_VIEW_STALE, "degraded: cluster view stale: no successful list or watch"
                    + " of CiliumNodes since " + e.lastSynced() + " (bound " + GoDuration.format(e.bound()) + ")");
            case OwnNodeDriftDetected e -> fail(Condition.OWN_NODE_DRIFT, "CiliumNode " + e.node() + " holds SPI "
                    + e.held().map(spi -> String.valueOf(spi.value())).getOrElse("none") + ", not the applied SPI " + e.applied()
                    + "; repairing by " + e.repairBy());
            case OwnNodeConverged e -> clear(Condition.OWN_NODE_DRIFT);
            // No bearing on health.
            case KeyFileSettleCutShort e -> {}
            case RotationResumed e -> {}
            case KeyIdWentBack e -> {}
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
