package io.ipseckeyagent.adapters.observability;

import io.ipseckeyagent.application.port.out.PublishOutcome;
import io.ipseckeyagent.application.port.out.PublishOutcome.Conflict;
import io.ipseckeyagent.application.port.out.PublishOutcome.Failed;
import io.ipseckeyagent.application.port.out.PublishOutcome.Forbidden;
import io.ipseckeyagent.application.port.out.PublishOutcome.NotFound;
import io.ipseckeyagent.application.port.out.PublishOutcome.Published;
import io.ipseckeyagent.application.port.out.PublishOutcome.RetryAfter;
import io.vavr.collection.List;

/** The names of publish outcomes in logs, metric labels and health reasons. */
final class PublishOutcomes {
    static final List<String> NAMES = List.of("published", "retry_after", "conflict", "not_found", "forbidden", "failed");

    private PublishOutcomes() {}

    static String name(PublishOutcome outcome) {
        return switch (outcome) {
            case Published published -> "published";
            case RetryAfter retryAfter -> "retry_after";
            case Conflict conflict -> "conflict";
            case NotFound notFound -> "not_found";
            case Forbidden forbidden -> "forbidden";
            case Failed failed -> "failed";
        };
    }

    static String reason(PublishOutcome outcome) {
        return switch (outcome) {
            case Published published -> "";
            case RetryAfter retryAfter -> retryAfter.reason();
            case Conflict conflict -> conflict.reason();
            case NotFound notFound -> notFound.reason();
            case Forbidden forbidden -> forbidden.reason();
            case Failed failed -> failed.reason();
        };
    }

    /** Outcomes an operator must fix (RBAC, a missing CiliumNode), as opposed to passing trouble. */
    static boolean needsOperator(PublishOutcome outcome) {
        return switch (outcome) {
            case Forbidden forbidden -> true;
            case NotFound notFound -> true;
            case Published published -> false;
            case RetryAfter retryAfter -> false;
            case Conflict conflict -> false;
            case Failed failed -> false;
        };
    }
}
