package io.ipseckeyagent.domain.rotation;

import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;

/**
 * Everything the rotation machine knows: its phase, the keys applied locally, the SPI this node
 * is known to publish (none when unknown or none published), and the id of its last request to
 * the cluster, so an answer that comes after a stop is recognised as stale.
 */
public record RotationState(RotationPhase phase, Option<AppliedKeys> applied, Option<Spi> published, long lastRequest) {

    public static RotationState initial() {
        return new RotationState(new RotationPhase.Stopped(), Option.none(), Option.none(), 0);
    }

    /** The applied key's SPI when it is not known to be published: a publish is owed. */
    public Option<Spi> owedSpi() {
        return applied.map(AppliedKeys::activeSpi).filter(spi -> !published.contains(spi));
    }

    /** True when the machine waits for the answer to request {@code request}. */
    public boolean awaits(long request) {
        return switch (phase) {
            case RotationPhase.Publishing publishing -> publishing.request() == request;
            case RotationPhase.LookingUp lookingUp -> lookingUp.request() == request;
            case RotationPhase.Stopped stopped -> false;
            case RotationPhase.Idle idle -> false;
            case RotationPhase.Waiting waiting -> false;
            case RotationPhase.Loading loading -> false;
            case RotationPhase.Applying applying -> false;
            case RotationPhase.RetryWaiting retryWaiting -> false;
        };
    }

    /**
     * The SPI the next rotation will most likely publish, before the file is read: the applied one
     * plus one, as Cilium's documented rotation does (1 when nothing is applied).
     */
    public Spi expectedNextSpi() {
        return applied.map(keys -> keys.activeSpi().next()).getOrElse(Spi.of(Spi.MIN));
    }

    RotationState withPhase(RotationPhase next) {
        return new RotationState(next, applied, published, lastRequest);
    }

    RotationState withApplied(Option<AppliedKeys> keys) {
        return new RotationState(phase, keys, published, lastRequest);
    }

    RotationState withPublished(Option<Spi> spi) {
        return new RotationState(phase, applied, spi, lastRequest);
    }

    RotationState withNextRequest() {
        return new RotationState(phase, applied, published, lastRequest + 1);
    }
}
