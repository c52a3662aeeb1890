package io.ipseckeyagent.adapters.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The real binding: SLF4J finds our provider, and lines reach stderr whole. Restores global state. */
class StderrLoggingTest {
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    @BeforeEach
    void captureStderr() {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        ObservabilityAdapters.configureLogging(LogFormat.TEXT, LogLevel.INFO);
    }

    private List<String> capturedLines() {
        String all = captured.toString(StandardCharsets.UTF_8);
        return all.isEmpty() ? List.of() : List.of(all.split("\n", -1)).subList(0, all.split("\n", -1).length - 1);
    }

    @Test
    void slf4jUsesTheAgentsProvider() {
        assertThat(LoggerFactory.getILoggerFactory()).isSameAs(AgentLogServiceProvider.LOGGERS);
    }

    @Test
    void configuredFormatAndLevelApplyToSlf4jLoggers() {
        Logger log = LoggerFactory.getLogger("io.ipseckeyagent.bootstrap.Main");
        ObservabilityAdapters.configureLogging(LogFormat.JSON, LogLevel.WARN);

        log.info("hidden");
        log.atWarn().setMessage("Jitter maximum capped").addKeyValue("max", "5m").log();

        assertThat(capturedLines()).singleElement().satisfies(line -> assertThat(CapturedLog.parse(line))
                .containsEntry("level", "warn").containsEntry("msg", "Jitter maximum capped").containsEntry("max", "5m"));
    }

    @Test
    void linesFromManyThreadsNeverInterleave() throws Exception {
        ObservabilityAdapters.configureLogging(LogFormat.JSON, LogLevel.INFO);
        Logger log = LoggerFactory.getLogger("io.ipseckeyagent.concurrency");
        int threads = 8;
        int linesEach = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Void>> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            writers.add(() -> {
                start.await();
                for (int i = 0; i < linesEach; i++) {
                    log.atInfo().setMessage("line with \"quotes\" and spaces").addKeyValue("thread", thread)
                            .addKeyValue("i", i).log();
                }
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> done = new ArrayList<>();
            writers.forEach(writer -> done.add(pool.submit(writer)));
            start.countDown();
            for (Future<Void> writer : done) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> lines = capturedLines();
        assertThat(lines).hasSize(threads * linesEach);
        assertThat(lines).allSatisfy(line -> assertThat(CapturedLog.parse(line)).containsKeys("thread", "i"));
    }
}
