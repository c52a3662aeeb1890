package io.ipseckeyagent.adapters.k8s;

import io.vavr.control.Option;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** How one HTTP request to the API server ended: an answer with a status, or none at all. */
sealed interface ApiExchange {

    /** The server answered; {@code retryAfter} is the raw header, {@code body} as sent. */
    record Answered(int status, Option<String> retryAfter, String body) implements ApiExchange {
        boolean successful() {
            return status >= 200 && status < 300;
        }
    }

    /** No answer: connection refused, timeout, TLS failure, client closed. */
    record NoAnswer(String cause) implements ApiExchange {
        static NoAnswer of(Throwable error) {
            Throwable cause = error;
            while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            boolean timeout = cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout");
            String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
            return new NoAnswer((timeout ? "timed out (" : "") + cause.getClass().getSimpleName() + message + (timeout ? ")" : ""));
        }
    }
}
