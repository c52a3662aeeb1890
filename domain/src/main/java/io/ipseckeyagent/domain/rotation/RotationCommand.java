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

    /** Install the keys; answer with {@link RotationInput.Applied} or {@link RotationInput.NotApplied}. */
    record ApplyKeys(KeySet keys, Instant detectedAt) implements RotationCommand {}

    /** Ask which SPI this node publishes; answer later with PublishedKeyFound or PublishedKeyUnknown. */
    record LookUpPublishedKey(long request) implements RotationCommand {}

    /** Draw a delay in [0, max] with the jitter policy, then send {@link RotationInput.JitterWaitOver}. */
    record StartJitterWait(Deadline deadline, Duration max, Spi expectedSpi) implements RotationCommand {}

    /** One publish attempt; answer later with PublishSucceeded or PublishAttemptFailed. */
    record Publish(Spi spi, int attempt, long request) implements RotationCommand {}

    /** Send {@link RotationInput.RetryDue} after {@code delay}. */
    record StartRetryWait(Duration delay) implements RotationCommand {}

    /** The SPI is published: record it locally and report it. */
    record RecordPublished(Spi spi, Deadline deadline, int attempts) implements RotationCommand {}

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
}
