package io.ipseckeyagent.adapters.observability;

import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.application.port.out.PublishOutcome;
import io.ipseckeyagent.domain.jitter.JitterBound;
import io.ipseckeyagent.domain.key.CipherSuite;
import io.ipseckeyagent.domain.key.KeyBytes;
import io.ipseckeyagent.domain.key.KeyEntry;
import io.ipseckeyagent.domain.key.KeyFileProblem;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.domain.rotation.AppliedKeys;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;

/** Events as the core would emit them, at fixed times, with real key entries behind the summaries. */
final class SampleEvents {
    static final Instant T0 = Instant.parse("2026-11-24T10:00:00.123Z");
    static final String KEY_FILE = "/etc/ipsec/keys";
    static final NodeName NODE = NodeName.of("node-7");

    /** 16 key bytes + 4 salt bytes, as rfc4106(gcm(aes)) with AES-128 takes them. */
    static final KeyBytes OLD_KEY = KeyBytes.of(bytes(0x11));
    static final KeyBytes NEW_KEY = KeyBytes.of(bytes(0x5a));

    private SampleEvents() {}

    private static byte[] bytes(int seed) {
        byte[] key = new byte[20];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed + 37 * i);
        }
        return key;
    }

    static KeyEntry entry(int line, int spi, KeyBytes key) {
        return new KeyEntry(line, Spi.of(spi), false, new CipherSuite.Aead("rfc4106(gcm(aes))", key, 128));
    }

    static AppliedKeys appliedKeys() {
        return new AppliedKeys(List.of(entry(1, 3, OLD_KEY).summary(), entry(2, 4, NEW_KEY).summary()),
                T0, T0.plusSeconds(38), Option.none());
    }

    static AgentEvent.KeyFileChangeDetected detected() {
        return new AgentEvent.KeyFileChangeDetected(T0, false);
    }

    static AgentEvent.JitterChosen jitter() {
        return new AgentEvent.JitterChosen(T0, "uniform", Duration.ofMillis(37_412), Duration.ofSeconds(150),
                T0.plusMillis(37_412), T0.plusSeconds(300),
                new JitterBound("2m30s", Duration.ofSeconds(150), 5_000, 20, Duration.ofSeconds(205), Duration.ofSeconds(95)));
    }

    /** An {@code auto} draw for a fleet the window cannot hold at the target rate. */
    static AgentEvent.JitterChosen jitterShortOfWindow() {
        return new AgentEvent.JitterChosen(T0, "uniform", Duration.ofMillis(37_412), Duration.ofSeconds(205),
                T0.plusMillis(37_412), T0.plusSeconds(300),
                new JitterBound("auto", Duration.ofSeconds(205), 5_000, 20, Duration.ofSeconds(205), Duration.ofSeconds(95)));
    }

    static AgentEvent.KeysLoaded loaded() {
        return new AgentEvent.KeysLoaded(T0, KEY_FILE, Spi.of(4), 2, NEW_KEY.fingerprint(),
                List.of(KeyFileProblem.atLine(1, "key file is readable by others (mode 0644)")));
    }

    static AgentEvent.KeysRejected rejected() {
        return new AgentEvent.KeysRejected(T0, KEY_FILE,
                List.of(KeyFileProblem.atLine(2, "SPI must be a decimal number from 1 to 15, was 16"),
                        KeyFileProblem.atLine(3, "expected 4 or 5 fields, found 2")),
                Option.some(Spi.of(3)));
    }

    static AgentEvent.KeysUnchanged unchanged() {
        return new AgentEvent.KeysUnchanged(T0, Spi.of(4));
    }

    static AgentEvent.KeysApplied applied() {
        return new AgentEvent.KeysApplied(T0.plusSeconds(38), appliedKeys());
    }

    static AgentEvent.ApplyFailed applyFailed() {
        return new AgentEvent.ApplyFailed(T0, Spi.of(4), "state file not writable");
    }

    static AgentEvent.KeyPublished published() {
        return new AgentEvent.KeyPublished(T0.plusSeconds(38), NODE, Spi.of(4), Duration.ofMillis(37_900), 2);
    }

    static AgentEvent.KeyAdoptionConfirmed adopted() {
        return new AgentEvent.KeyAdoptionConfirmed(T0.plusSeconds(44), NODE, Spi.of(4), Duration.ofMillis(43_500), 1);
    }

    static AgentEvent.PublishFailed publishFailed(PublishOutcome outcome, int attempt) {
        return new AgentEvent.PublishFailed(T0, NODE, Spi.of(4), outcome, attempt, Duration.ofSeconds(2));
    }

    static AgentEvent.PublishFailed conflict() {
        return publishFailed(new PublishOutcome.Conflict("resourceVersion changed"), 1);
    }

    static AgentEvent.PublishedKeyLookupFailed lookupFailed() {
        return new AgentEvent.PublishedKeyLookupFailed(T0, NODE, new PublishOutcome.Failed("connect timed out"));
    }

    static AgentEvent.AdoptionOverdue overdue() {
        return new AgentEvent.AdoptionOverdue(T0.plusSeconds(305), Spi.of(4), T0, T0.plusSeconds(300));
    }

    static AgentEvent.RemoteNodeUpdated remoteUpdated() {
        return new AgentEvent.RemoteNodeUpdated(T0, "default", NodeName.of("node-12"), Option.some(Spi.of(4)));
    }

    static AgentEvent.RemoteNodeRemoved remoteRemoved() {
        return new AgentEvent.RemoteNodeRemoved(T0, "default", NodeName.of("node-12"));
    }

    static AgentEvent.RotationCancelled cancelled() {
        return new AgentEvent.RotationCancelled(T0, "agent stopping");
    }

    /** One of each kind. */
    static List<AgentEvent> everyKind() {
        return List.of(detected(), jitter(), loaded(), rejected(), unchanged(), applied(), applyFailed(), published(),
                conflict(), lookupFailed(), overdue(), remoteUpdated(), remoteRemoved(), cancelled(), adopted());
    }
}
