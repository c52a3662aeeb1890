package io.ipseckeyagent.adapters.observability;

import io.ipseckeyagent.domain.time.GoDuration;
import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.application.port.out.AgentEvent.AdoptionOverdue;
import io.ipseckeyagent.application.port.out.AgentEvent.ApplyFailed;
import io.ipseckeyagent.application.port.out.AgentEvent.ClusterViewFailing;
import io.ipseckeyagent.application.port.out.AgentEvent.ClusterViewStale;
import io.ipseckeyagent.application.port.out.AgentEvent.ClusterViewSynced;
import io.ipseckeyagent.application.port.out.AgentEvent.JitterChosen;
import io.ipseckeyagent.application.port.out.AgentEvent.KeyFileChangeDetected;
import io.ipseckeyagent.application.port.out.AgentEvent.KeyAdoptionConfirmed;
import io.ipseckeyagent.application.port.out.AgentEvent.KeyPublished;
import io.ipseckeyagent.application.port.out.AgentEvent.KeysApplied;
import io.ipseckeyagent.application.port.out.AgentEvent.KeysLoaded;
import io.ipseckeyagent.application.port.out.AgentEvent.KeysRejected;
import io.ipseckeyagent.application.port.out.AgentEvent.KeysUnchanged;
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
import io.ipseckeyagent.domain.key.KeySummary;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.collection.List;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Logs each agent event as a message and fields, with the words Cilium operators grep for
 * ("Node updated", "Failed to load IPsec keyfile"). It reads events field by field and never calls
 * an event's {@code toString}, so only what is named here (SPIs, fingerprints) reaches the log.
 */
final class EventLog implements AgentEventsPort {
    private final Logger log;

    EventLog(Logger log) {
        this.log = log;
    }

    @Override
    public void emit(AgentEvent event) {
        switch (event) {
            case KeyFileChangeDetected e ->
                    log.atInfo().setMessage("IPsec keyfile change detected").addKeyValue("coalesced", e.coalesced()).log();
            case JitterChosen e -> logJitter(e);
            case KeysLoaded e -> logLoaded(e);
            case KeysRejected e -> logRejected(e);
            case KeysUnchanged e -> log.atInfo().setMessage("IPsec key unchanged").addKeyValue("spi", e.activeSpi().value()).log();
            case KeysApplied e -> {
                KeySummary active = e.applied().active();
                log.atInfo().setMessage("IPsec keys applied")
                        .addKeyValue("spi", active.spi().value())
                        .addKeyValue("fingerprint", active.fingerprint())
                        .addKeyValue("keyCount", e.applied().keys().size())
                        .log();
            }
            case ApplyFailed e -> log.atError().setMessage("Failed to apply IPsec keys")
                    .addKeyValue("spi", e.spi().value())
                    .addKeyValue("reason", e.reason())
                    .log();
            case KeyPublished e -> log.atInfo().setMessage("Updated CiliumNode resource")
                    .addKeyValue("nodeName", e.node().value())
                    .addKeyValue("spi", e.spi().value())
                    .addKeyValue("sinceDetected", duration(e.sinceDetected()))
                    .addKeyValue("attempts", e.attempts())
                    .log();
            // Relay mode: cilium-agent loaded the relayed key and published its SPI itself.
            case KeyAdoptionConfirmed e -> log.atInfo().setMessage("IPsec key adopted by cilium-agent")
                    .addKeyValue("nodeName", e.node().value())
                    .addKeyValue("spi", e.spi().value())
                    .addKeyValue("sinceDetected", duration(e.sinceDetected()))
                    .addKeyValue("attempts", e.attempts())
                    .log();
            case PublishFailed e -> {
                LoggingEventBuilder line = PublishOutcomes.needsOperator(e.outcome()) ? log.atError() : log.atWarn();
                line.setMessage("Failed to update CiliumNode resource, retrying")
                        .addKeyValue("nodeName", e.node().value())
                        .addKeyValue("spi", e.spi().value())
                        .addKeyValue("attempt", e.attempt())
                        .addKeyValue("outcome", PublishOutcomes.name(e.outcome()))
                        .addKeyValue("reason", PublishOutcomes.reason(e.outcome()))
                        .addKeyValue("retryIn", duration(e.retryIn()))
                        .log();
            }
            // The agent goes on: it publishes its own key after a jitter wait, as if none were published.
            case PublishedKeyLookupFailed e -> log.atWarn().setMessage("Unable to get CiliumNode resource")
                    .addKeyValue("nodeName", e.node().value())
                    .addKeyValue("outcome", PublishOutcomes.name(e.outcome()))
                    .addKeyValue("reason", PublishOutcomes.reason(e.outcome()))
                    .log();
            case AdoptionOverdue e -> log.atError().setMessage("IPsec key adoption overdue")
                    .addKeyValue("spi", e.spi().value())
                    .addKeyValue("detectedAt", e.detectedAt().toString())
                    .addKeyValue("deadline", e.deadline().toString())
                    .addKeyValue("overdueBy", duration(Duration.between(e.deadline(), e.at())))
                    .log();
            // Cilium's own line; SPI 0 when the node publishes no key, as Cilium prints it.
            case RemoteNodeUpdated e -> log.atInfo().setMessage("Node updated")
                    .addKeyValue("clusterName", e.clusterName())
                    .addKeyValue("nodeName", e.node().value())
                    .addKeyValue("spi", e.spi().map(Spi::value).getOrElse(0))
                    .log();
            case RemoteNodeRemoved e -> log.atInfo().setMessage("Node deleted")
                    .addKeyValue("clusterName", e.clusterName())
                    .addKeyValue("nodeName", e.node().value())
                    .log();
            case ClusterViewSynced e -> log.atInfo().setMessage("CiliumNode view in sync")
                    .addKeyValue("knownNodes", e.knownNodes()).log();
            case ClusterViewFailing e -> log.atWarn().setMessage("CiliumNode watch failing, retrying")
                    .addKeyValue("reason", e.reason()).log();
            case ClusterViewStale e -> log.atError().setMessage("CiliumNode view stale")
                    .addKeyValue("lastSynced", e.lastSynced().toString())
                    .addKeyValue("bound", duration(e.bound())).log();
            case RotationCancelled e ->
                    log.atInfo().setMessage("IPsec key rotation cancelled").addKeyValue("reason", e.reason()).log();
            case KeyFileSettleCutShort e -> log.atWarn().setMessage("IPsec keyfile still changing, loaded before its deadline")
                    .addKeyValue("quietFor", duration(e.quietFor()))
                    .addKeyValue("deadline", e.deadline().toString())
                    .log();
            case RotationResumed e -> log.atInfo().setMessage("IPsec key rotation resumed after a restart")
                    .addKeyValue("detectedAt", e.detectedAt().toString())
                    .addKeyValue("deadline", e.deadline().toString())
                    .log();
            case KeyIdWentBack e -> log.atWarn().setMessage("IPsec key id went back (an old Secret restored?)")
                    .addKeyValue("appliedSPI", e.applied().value())
                    .addKeyValue("spi", e.loaded().value())
                    .log();
            case OwnNodeDriftDetected e -> log.atWarn().setMessage("CiliumNode holds another IPsec key id, repairing")
                    .addKeyValue("nodeName", e.node().value())
                    .addKeyValue("heldSPI", e.held().map(Spi::value).getOrElse(0))
                    .addKeyValue("spi", e.applied().value())
                    .addKeyValue("causedByThisNode", e.causedByThisNode())
                    .addKeyValue("repairBy", e.repairBy().toString())
                    .log();
            case OwnNodeConverged e -> log.atInfo().setMessage("CiliumNode holds the applied IPsec key id again")
                    .addKeyValue("nodeName", e.node().value())
                    .addKeyValue("spi", e.spi().value())
                    .log();
        }
    }

    private void logLoaded(KeysLoaded e) {
        log.atInfo().setMessage("IPsec keyfile loaded")
                .addKeyValue("file", e.location())
                .addKeyValue("spi", e.activeSpi().value())
                .addKeyValue("keyCount", e.keyCount())
                .addKeyValue("fingerprint", e.activeFingerprint())
                .log();
        for (KeyFileProblem warning : e.warnings()) {
            log.atWarn().setMessage("IPsec keyfile warning")
                    .addKeyValue("file", e.location())
                    .addKeyValue("warning", warning.render(e.location()))
                    .log();
        }
    }

    /** One line per error, each with {@code file:line: message}, so a grep shows every problem. */
    private void logRejected(KeysRejected e) {
        List<KeyFileProblem> errors = e.errors().isEmpty() ? List.of(KeyFileProblem.ofFile("invalid")) : e.errors();
        for (KeyFileProblem error : errors) {
            LoggingEventBuilder line = log.atError().setMessage("Failed to load IPsec keyfile")
                    .addKeyValue("file", e.location())
                    .addKeyValue("error", error.render(e.location()));
            e.keptSpi().forEach(spi -> line.addKeyValue("keptSPI", spi.value()));
            line.log();
        }
    }

    private static String duration(Duration duration) {
        return GoDuration.format(duration);
    }

    /** The draw and what its maximum came from; a fleet the window cannot hold at the target rate is a warning. */
    private void logJitter(JitterChosen e) {
        log.atInfo().setMessage("Jitter chosen for IPsec key rotation")
                .addKeyValue("policy", e.policy())
                .addKeyValue("delay", duration(e.delay()))
                .addKeyValue("maxDelay", duration(e.max()))
                .addKeyValue("maximum", e.bound().maximum())
                .addKeyValue("knownNodes", e.bound().knownNodes())
                .addKeyValue("targetRate", e.bound().targetRate())
                .addKeyValue("cap", duration(e.bound().cap()))
                .addKeyValue("fireAt", e.fireAt().toString())
                .addKeyValue("deadline", e.deadline().toString())
                .log();
        e.bound().shortfall().forEach(why -> log.atWarn()
                .setMessage("Rotation window cannot hold the fleet at the jitter target rate")
                .addKeyValue("reason", why)
                .log());
    }
}
