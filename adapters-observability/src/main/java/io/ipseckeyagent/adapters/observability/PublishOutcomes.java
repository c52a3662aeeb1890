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
        if (outcome instanceof Published) {
            return "published";
        } else if (outcome instanceof RetryAfter) {
            return "retry_after";
        } else if (outcome instanceof Conflict) {
            return "conflict";
        } else if (outcome instanceof NotFound) {
            return "not_found";
        } else if (outcome instanceof Forbidden) {
            return "forbidden";
        }
        return "failed";
    }

    static String reason(PublishOutcome outcome) {
        if (outcome instanceof RetryAfter retryAfter) {
            return retryAfter.reason();
        } else if (outcome instanceof Conflict conflict) {
            return conflict.reason();
        } else if (outcome instanceof NotFound notFound) {
            return notFound.reason();
        } else if (outcome instanceof Forbidden forbidden) {
            return forbidden.reason();
        } else if (outcome instanceof Failed failed) {
            return failed.reason();
        }
        return "";
    }

    /** Outcomes an operator must fix (RBAC, a missing CiliumNode), as opposed to passing trouble. */
    static boolean needsOperator(PublishOutcome outcome) {
        return outcome instanceof Forbidden || outcome instanceof NotFound;
    }
}
