package io.ipseckeyagent.testkit.contract;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** The contracts' one wait for a port's stage: the ports promise an outcome, never an exceptional completion. */
final class Completion {
    private Completion() {}

    /** The stage's outcome within {@code timeout}; else the test fails, saying {@code late} when it took too long. */
    static <T> T completed(CompletionStage<T> stage, Duration timeout, Supplier<String> late) {
        try {
            return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException exceptionally) {
            return fail("the stage completed exceptionally; the port promises an outcome instead", exceptionally.getCause());
        } catch (TimeoutException notDone) {
            return fail(late.get());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }
}
