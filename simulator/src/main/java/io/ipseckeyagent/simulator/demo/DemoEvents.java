package io.ipseckeyagent.simulator.demo;

import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.application.port.out.AgentEventsPort;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What every demo agent reports, with the moment it reported it: publishes and "Node updated"
 * events are kept for the charts; anything that went wrong is printed at once.
 */
final class DemoEvents implements AgentEventsPort {
    /** A publish or a "Node updated", when it was reported ({@link System#nanoTime()}) and for which SPI. */
    record Seen(long nanoTime, Option<Spi> spi) {}

    private final List<Seen> published = new CopyOnWriteArrayList<>();
    private final List<Seen> nodeUpdated = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final PrintWriter errors;

    DemoEvents(PrintWriter errors) {
        this.errors = errors;
    }

    @Override
    public void emit(AgentEvent event) {
        long now = System.nanoTime();
        switch (event) {
            case AgentEvent.KeyPublished p -> published.add(new Seen(now, Option.some(p.spi())));
            case AgentEvent.KeyAdoptionConfirmed c -> published.add(new Seen(now, Option.some(c.spi())));
            case AgentEvent.RemoteNodeUpdated updated -> nodeUpdated.add(new Seen(now, updated.spi()));
            case AgentEvent.PublishFailed failed -> problem(failed.node() + ": publish of SPI " + failed.spi()
                    + " failed (attempt " + failed.attempt() + "): " + failed.outcome());
            case AgentEvent.KeysRejected rejected ->
                    problem("key file rejected: " + rejected.errors().map(Object::toString).mkString("; "));
            case AgentEvent.ApplyFailed failed -> problem("apply of SPI " + failed.spi() + " failed: " + failed.reason());
            case AgentEvent.AdoptionOverdue overdue -> problem("adoption of SPI " + overdue.spi() + " is overdue");
            case AgentEvent.PublishedKeyLookupFailed failed ->
                    problem(failed.node() + ": lookup of the published key failed: " + failed.outcome());
            // The run going as planned: the charts need only publishes and "Node updated".
            case AgentEvent.KeyFileChangeDetected e -> {}
            case AgentEvent.JitterChosen e -> {}
            case AgentEvent.KeysLoaded e -> {}
            case AgentEvent.KeysUnchanged e -> {}
            case AgentEvent.KeysApplied e -> {}
            case AgentEvent.RemoteNodeRemoved e -> {}
            case AgentEvent.RotationCancelled e -> {}
            case AgentEvent.ClusterViewSynced e -> {}
            case AgentEvent.ClusterViewFailing e -> {}
            case AgentEvent.ClusterViewStale e -> {}
            case AgentEvent.KeyFileSettleCutShort e -> {}
            case AgentEvent.RotationResumed e -> {}
            case AgentEvent.KeyIdWentBack e -> {}
            case AgentEvent.OwnNodeDriftDetected e -> {}
            case AgentEvent.OwnNodeConverged e -> {}
        }
    }

    /** Publishes of {@code spi}, in the order reported. */
    List<Long> publishedTimes(Spi spi) {
        return published.stream().filter(seen -> seen.spi().contains(spi)).map(Seen::nanoTime).toList();
    }

    /** "Node updated" events that carried {@code spi}. */
    List<Long> nodeUpdatedTimes(Spi spi) {
        return nodeUpdated.stream().filter(seen -> seen.spi().contains(spi)).map(Seen::nanoTime).toList();
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    private void problem(String text) {
        problems.add(text);
        errors.println("demo: " + text);
    }
}
