package io.ipseckeyagent.adapters.k8s;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.ipseckeyagent.application.port.out.PublishOutcome;
import io.ipseckeyagent.domain.key.NodeName;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Turns one exchange with the API server into the port's outcome, with a message that says what to do. */
final class ApiOutcomes {
    private final Clock clock;
    private final KubernetesSerialization json;

    ApiOutcomes(Clock clock, KubernetesSerialization json) {
        this.clock = clock;
        this.json = json;
    }

    /** {@code verb} is the RBAC verb of the request ({@code patch}, {@code get}, {@code create}). */
    PublishOutcome outcome(ApiExchange exchange, String verb, NodeName node) {
        return switch (exchange) {
            case ApiExchange.Answered answered -> answeredOutcome(answered, verb, node);
            case ApiExchange.NoAnswer none -> new PublishOutcome.Failed(
                    "no answer from the API server to " + verb + " CiliumNode " + node + ": " + none.cause());
        };
    }

    private PublishOutcome answeredOutcome(ApiExchange.Answered answer, String verb, NodeName node) {
        int status = answer.status();
        String request = verb + " CiliumNode " + node;
        String serverSays = serverMessage(answer.body()).map(m -> "; the server said: " + m).getOrElse("");
        if (answer.successful()) {
            return new PublishOutcome.Published();
        }
        switch (status) {
            case 404:
                return new PublishOutcome.NotFound("CiliumNode " + node + " does not exist (HTTP 404 on " + verb + "); "
                        + "Cilium creates it when its agent starts on the node; turn on creating missing CiliumNodes "
                        + "to let this agent create it");
            case 403:
                return new PublishOutcome.Forbidden("forbidden (HTTP 403 on " + request + "): RBAC must allow verb '" + verb
                        + "' on resource '" + CiliumNodes.RBAC_RESOURCE + "' for this agent's service account "
                        + "(see docs/guides/rbac.md)" + serverSays);
            case 409:
                return new PublishOutcome.Conflict("conflict (HTTP 409 on " + request + ")" + serverSays);
            case 401:
                return new PublishOutcome.Failed("unauthorized (HTTP 401 on " + request
                        + "): the API server rejected the agent's credentials" + serverSays);
            case 429:
            case 503:
                String what = status == 429 ? "too many requests" : "service unavailable";
                return answer.retryAfter()
                        .flatMap(header -> retryAfter(header, clock.instant()))
                        .<PublishOutcome>map(delay -> new PublishOutcome.RetryAfter(delay,
                                what + " (HTTP " + status + " on " + request + "), retry after " + delay.toSeconds() + "s"))
                        .getOrElse(() -> new PublishOutcome.Failed(what + " (HTTP " + status + " on " + request
                                + ") without a usable Retry-After" + serverSays));
            default:
                return new PublishOutcome.Failed("HTTP " + status + " on " + request + serverSays);
        }
    }

    /** Retry-After as delay-seconds or an HTTP-date (RFC 9110); a date in the past means no wait. */
    static Option<Duration> retryAfter(String header, Instant now) {
        String value = header.trim();
        if (value.matches("\\d{1,9}")) {
            return Option.some(Duration.ofSeconds(Long.parseLong(value)));
        }
        return Try.of(() -> ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())
                .toOption()
                .map(at -> at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    }

    /** The {@code message} of a Kubernetes {@code Status} body, if the body is one. */
    private Option<String> serverMessage(String body) {
        return Try.of(() -> json.unmarshal(body, Status.class))
                .toOption()
                .flatMap(Option::of)
                .flatMap(status -> Option.of(status.getMessage()))
                .map(message -> CiliumNodes.printable(message, 300));
    }
}
