package io.ipseckeyagent.adapters.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.ipseckeyagent.application.port.out.PublishOutcome;
import io.ipseckeyagent.domain.key.NodeName;
import io.vavr.control.Option;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Reading the API server's answers, without a server. */
class ApiOutcomesTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final NodeName NODE = NodeName.of("node-a");

    private final ApiOutcomes outcomes = new ApiOutcomes(Clock.fixed(NOW, ZoneOffset.UTC), new KubernetesSerialization());

    @Test
    void retryAfterInSeconds() {
        assertThat(ApiOutcomes.retryAfter("2", NOW)).contains(Duration.ofSeconds(2));
        assertThat(ApiOutcomes.retryAfter(" 120 ", NOW)).contains(Duration.ofSeconds(120));
        assertThat(ApiOutcomes.retryAfter("0", NOW)).contains(Duration.ZERO);
    }

    @Test
    void retryAfterAsAnHttpDate() {
        assertThat(ApiOutcomes.retryAfter("Tue, 24 Nov 2026 10:01:30 GMT", NOW)).contains(Duration.ofSeconds(90));
        assertThat(ApiOutcomes.retryAfter("Tue, 24 Nov 2026 09:59:00 GMT", NOW)).as("in the past").contains(Duration.ZERO);
    }

    @Test
    void retryAfterThatIsNeitherIsIgnored() {
        assertThat(ApiOutcomes.retryAfter("soon", NOW)).isEmpty();
        assertThat(ApiOutcomes.retryAfter("-1", NOW)).isEmpty();
        assertThat(ApiOutcomes.retryAfter("", NOW)).isEmpty();
    }

    @Test
    void unavailableWithAnUnusableRetryAfterIsAPlainFailure() {
        PublishOutcome outcome = outcomes.outcome(new ApiExchange.Answered(503, Option.some("later"), ""), "patch", NODE);

        assertThat(outcome).isEqualTo(new PublishOutcome.Failed(
                "service unavailable (HTTP 503 on patch CiliumNode node-a) without a usable Retry-After"));
    }

    @Test
    void unauthorizedSaysTheCredentialsWereRejected() {
        PublishOutcome outcome = outcomes.outcome(new ApiExchange.Answered(401, Option.none(), "{}"), "patch", NODE);

        assertThat(outcome).isInstanceOfSatisfying(PublishOutcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("HTTP 401").contains("credentials"));
    }

    @Test
    void noAnswerSaysWhyWithoutWrappers() {
        PublishOutcome refused = outcomes.outcome(
                ApiExchange.NoAnswer.of(new CompletionException(new ConnectException("Connection refused"))), "patch", NODE);
        PublishOutcome timedOut = outcomes.outcome(ApiExchange.NoAnswer.of(new TimeoutException("10s")), "get", NODE);

        assertThat(refused).isEqualTo(new PublishOutcome.Failed(
                "no answer from the API server to patch CiliumNode node-a: ConnectException: Connection refused"));
        assertThat(timedOut).isEqualTo(new PublishOutcome.Failed(
                "no answer from the API server to get CiliumNode node-a: timed out (TimeoutException: 10s)"));
    }

    @Test
    void theServersStatusMessageIsQuotedShortAndOnOneLine() {
        String body = "{\"kind\":\"Status\",\"code\":500,\"message\":\"line one\\nline two " + "x".repeat(400) + "\"}";

        PublishOutcome outcome = outcomes.outcome(new ApiExchange.Answered(500, Option.none(), body), "patch", NODE);

        assertThat(outcome).isInstanceOfSatisfying(PublishOutcome.Failed.class, failed -> assertThat(failed.reason())
                .startsWith("HTTP 500 on patch CiliumNode node-a; the server said: 'line one?line two xxx")
                .endsWith("...")
                .hasSizeLessThan(400));
    }
}
