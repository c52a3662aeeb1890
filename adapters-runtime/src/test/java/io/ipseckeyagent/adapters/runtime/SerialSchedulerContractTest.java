package io.ipseckeyagent.adapters.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.testkit.contract.SchedulerPortContract;
import io.ipseckeyagent.application.port.out.SchedulerPort;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler contract, in real time (its delays are a few hundred milliseconds). The agent's
 * thread is held busy until time first passes, so that what a test submits in a row is queued in a
 * row, as the contract assumes (a free thread could start the first task before the second is submitted).
 */
class SerialSchedulerContractTest extends SchedulerPortContract {
    private final List<Throwable> bugs = new CopyOnWriteArrayList<>();
    private final RuntimeAdapters.OwnedScheduler scheduler = RuntimeAdapters.serialScheduler("contract-test", bugs::add);
    private final CountDownLatch busy = new CountDownLatch(1);

    @BeforeEach
    void holdTheThreadBusy() {
        scheduler.execute(() -> {
            try {
                busy.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    protected SchedulerPort scheduler() {
        return scheduler;
    }

    @Override
    protected void letTimePass(Duration duration) {
        busy.countDown();
        try {
            Thread.sleep(duration.toMillis());
            CountDownLatch idle = new CountDownLatch(1);
            scheduler.execute(idle::countDown);
            assertThat(idle.await(5, TimeUnit.SECONDS)).as("the scheduler ran what was due").isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void shutDown() {
        scheduler.close();
        assertThat(bugs).isEmpty();
    }

    @Test
    void aTaskThatThrowsIsReportedAndTheThreadGoesOn() {
        List<String> ran = new CopyOnWriteArrayList<>();
        scheduler.execute(() -> {
            throw new IllegalStateException("a bug");
        });
        scheduler.execute(() -> ran.add("next"));

        letTimePass(Duration.ZERO);

        assertThat(bugs).singleElement().extracting(Throwable::getMessage).isEqualTo("a bug");
        assertThat(ran).containsExactly("next");
        bugs.clear();
    }

    @Test
    void shutdownLetsTheRunningTaskEndAndDropsPendingTimers() throws InterruptedException {
        List<String> ran = new CopyOnWriteArrayList<>();
        scheduler.schedule(Duration.ofMinutes(1), () -> ran.add("timer"));
        busy.countDown();

        assertThat(scheduler.shutdown(Duration.ofSeconds(1))).isTrue();

        assertThat(ran).isEmpty();
    }
}
