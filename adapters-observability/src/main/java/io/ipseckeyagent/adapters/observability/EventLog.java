package io.ipseckeyagent.adapters.observability;

import io.ipseckeyagent.domain.time.GoDuration;
import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.application.port.out.AgentEvent.AdoptionOverdue;
import io.ipseckeyagent.application.port.out.AgentEvent.ApplyFailed;
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
            case JitterChosen e -> log.atInfo().setMessage("Jitter chosen for IPsec key rotation")
                    .addKeyValue("policy", e.policy())
                    .addKeyValue("delay", duration(e.delay()))
                    .addKeyValue("maxDelay", duration(e.max()))
                    .addKeyValue("fireAt", e.fireAt().toString())
                    .addKeyValue("deadline", e.deadline().toString())
                    .log();
            case KeysLoaded e -> logLoaded(e);
            case KeysRejected e -> logRejected(e);
            case KeysUnchanged e -> log.atInfo().setMessage("IPsec key unchanged").addKeyValue("SPI", e.activeSpi().value()).log();
            case KeysApplied e -> {
                KeySummary active = e.applied().active();
                log.atInfo().setMessage("IPsec keys applied")
                        .addKeyValue("SPI", active.spi().value())
                        .addKeyValue("fingerprint", active.fingerprint())
                        .addKeyValue("keyCount", e.applied().keys().size())
                        .log();
            }
            case ApplyFailed e -> log.atError().setMessage("Failed to apply IPsec keys")
                    .addKeyValue("SPI", e.spi().value())
                    .addKeyValue("reason", e.reason())
                    .log();
            case KeyPublished e -> log.atInfo().setMessage("Updated CiliumNode resource")
                    .addKeyValue("nodeName", e.node().value())
                    .addKeyValue("SPI", e.spi().value())
                    .addKeyValue("sinceDetected", duration(e.sinceDetected()))
                    .addKeyValue("attempts", e.attempts())
                    .log();
            // Relay mode: cilium-agent loaded the relayed key and published its SPI itself.
            case KeyAdoptionConfirmed e -> log.atInfo().setMessage("IPsec key adopted by cilium-agent")
                    .addKeyValue("nodeName", e.node().value())
                    .addKeyValue("SPI", e.spi().value())
                    .addKeyValue("sinceDetected", duration(e.sinceDetected()))
                    .addKeyValue("attempts", e.attempts())
                    .log();
            case PublishFailed e -> {
                LoggingEventBuilder line = PublishOutcomes.needsOperator(e.outcome()) ? log.atError() : log.atWarn();
                line.setMessage("Failed to update CiliumNode resource, retrying")
                        .addKeyValue("nodeName", e.node().value())
                        .addKeyValue("SPI", e.spi().value())
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
                    .addKeyValue("SPI", e.spi().value())
                    .addKeyValue("detectedAt", e.detectedAt().toString())
                    .addKeyValue("deadline", e.deadline().toString())
                    .addKeyValue("overdueBy", duration(Duration.between(e.deadline(), e.at())))
                    .log();
            // Cilium's own line; SPI 0 when the node publishes no key, as Cilium prints it.
            case RemoteNodeUpdated e -> log.atInfo().setMessage("Node updated")
                    .addKeyValue("clusterName", e.clusterName())
                    .addKeyValue("nodeName", e.node().value())
                    .addKeyValue("SPI", e.spi().map(Spi::value).getOrElse(0))
                    .log();
            case RemoteNodeRemoved e -> log.atInfo().setMessage("Node deleted")
                    .addKeyValue("clusterName", e.clusterName())
                    .addKeyValue("nodeName", e.node().value())
                    .log();
            case RotationCancelled e ->
                    log.atInfo().setMessage("IPsec key rotation cancelled").addKeyValue("reason", e.reason()).log();
        }
    }

    private void logLoaded(KeysLoaded e) {
        log.atInfo().setMessage("IPsec keyfile loaded")
                .addKeyValue("file", e.location())
                .addKeyValue("SPI", e.activeSpi().value())
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
}
