package io.ipseckeyagent.domain.rotation;

import io.ipseckeyagent.domain.key.KeyFileProblem;
import io.ipseckeyagent.domain.key.KeySet;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;

/**
 * What the rotation machine asks its host to do (effects) or to report (the {@code Report...}
 * notices). {@link LoadKeyFile} and {@link ApplyKeys} must be answered at once, before any other
 * event; the other answers come whenever they come.
 */
public sealed interface RotationCommand {

    /** Read and parse the key file; answer with {@link RotationInput.KeysRead}. */
    record LoadKeyFile() implements RotationCommand {}

    /**
     * Install the keys; answer with {@link RotationInput.Applied} or {@link RotationInput.NotApplied}
     * (with a backoff drawn for failed attempt number {@code attempt}).
     */
    record ApplyKeys(KeySet keys, Instant detectedAt, int attempt) implements RotationCommand {}

    /** Ask which SPI this node publishes; answer later with PublishedKeyFound or PublishedKeyUnknown. */
    record LookUpPublishedKey(long request) implements RotationCommand {}

    /**
     * Draw a delay in [floor, max] with the jitter policy (a draw over {@code max - floor}, plus
     * {@code floor}), then send {@link RotationInput.JitterWaitOver}. The floor is the settle
     * interval: a delay shorter than it would only wait for the file to settle, and bunch the
     * shortest delays of a fleet at one instant.
     */
    record StartJitterWait(Deadline deadline, Duration max, Spi expectedSpi, Duration floor) implements RotationCommand {}

    /** Send {@link RotationInput.SettleWaitOver} after {@code delay}; replaces the current wait. */
    record StartSettleWait(Duration delay) implements RotationCommand {}

    /** One publish attempt; answer later with PublishSucceeded or PublishAttemptFailed. */
    record Publish(Spi spi, int attempt, long request) implements RotationCommand {}

    /** Send {@link RotationInput.RetryDue} after {@code delay}. */
    record StartRetryWait(Duration delay) implements RotationCommand {}

    /** The SPI is published: record it locally and report it. */
    record RecordPublished(Spi spi, Deadline deadline, int attempts) implements RotationCommand {}

    /** Record durably that a rotation began, so a restart keeps its deadline. */
    record RecordPendingChange(PendingChange change) implements RotationCommand {}

    /** The rotation has loaded its keys (or has nothing to load): drop the durable record. */
    record ForgetPendingChange() implements RotationCommand {}

    /** Send {@link RotationInput.DeadlineReached} when the deadline is due; replaces any earlier watch. */
    record WatchDeadline(Deadline deadline) implements RotationCommand {}

    /** The rotation is over: stop watching its deadline. */
    record ForgetDeadline() implements RotationCommand {}

    /** Cancel every wait and the deadline watch. */
    record CancelTimers() implements RotationCommand {}

    record ReportChange(boolean coalesced) implements RotationCommand {}

    record ReportUnchanged(Spi spi) implements RotationCommand {}

    record ReportRejected(List<KeyFileProblem> errors, Option<Spi> keptSpi) implements RotationCommand {}

    record ReportOverdue(Spi spi, Deadline deadline) implements RotationCommand {}

    record ReportCancelled(String reason) implements RotationCommand {}

    /** The file was still changing {@code quietFor} ago, but the deadline is near: it is loaded anyway. */
    record ReportSettleCutShort(Deadline deadline, Duration quietFor) implements RotationCommand {}

    /** A start continues the rotation an earlier run began (or applied and did not publish). */
    record ReportResumed(Deadline deadline) implements RotationCommand {}

    /** The new active key id is lower than the applied one and not the 15 to 1 wrap; loaded anyway. */
    record ReportKeyIdWentBack(Spi applied, Spi loaded) implements RotationCommand {}

    /**
     * The cluster holds {@code held} for this node, not the applied {@code applied}; {@code causedHere}
     * when {@code held} is an SPI this run published before (its own late write). Repaired by {@code repairBy}.
     */
    record ReportDrift(Option<Spi> held, Spi applied, boolean causedHere, Instant repairBy) implements RotationCommand {}

    /** After a drift, the cluster holds the applied SPI again. */
    record ReportConverged(Spi spi) implements RotationCommand {}
}
