package io.ipseckeyagent.application.port.out;

import java.time.Duration;

/** What one publish attempt led to. Everything but {@link Published} is a failure to retry or report. */
public sealed interface PublishOutcome {

    record Published() implements PublishOutcome {}

    /** The server asked to wait (429, 503 with Retry-After): the next attempt comes no sooner. */
    record RetryAfter(Duration delay, String reason) implements PublishOutcome {}

    /** A conflicting write (409); retried. */
    record Conflict(String reason) implements PublishOutcome {}

    /** The node's resource does not exist (404); retried with backoff, and reported clearly. */
    record NotFound(String reason) implements PublishOutcome {}

    /** Not allowed (403); {@code reason} names the missing permission. Retried slowly. */
    record Forbidden(String reason) implements PublishOutcome {}

    /** Anything else: 5xx, timeout, connection refused. */
    record Failed(String reason) implements PublishOutcome {}
}
