package io.ipseckeyagent.adapters.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class LineLoggerTest {
    private static final String AGENT = "io.ipseckeyagent.adapters.k8s.CiliumNodePublisher";
    private static final String LIBRARY = "io.fabric8.kubernetes.client.dsl.internal.WatchConnectionManager";

    @Test
    void agentLoggersLogFromTheConfiguredLevel() {
        CapturedLog log = new CapturedLog(LogFormat.TEXT, LogLevel.INFO);
        Logger agent = log.logger(AGENT);

        agent.debug("hidden");
        agent.info("shown");
        agent.atDebug().setMessage("hidden too").log();

        assertThat(log.lines()).containsExactly(
                "time=2026-11-24T10:00:00.123Z level=info msg=shown subsys=k8s");
        assertThat(agent.isDebugEnabled()).isFalse();
    }

    @Test
    void libraryLoggersStayAtWarnUnlessDebugging() {
        CapturedLog log = new CapturedLog(LogFormat.TEXT, LogLevel.INFO);
        Logger library = log.logger(LIBRARY);

        library.info("reconnecting");
        library.warn("watch closed");
        log.factory().configure(LogFormat.TEXT, LogLevel.DEBUG);
        library.debug("frame received");

        assertThat(log.lines()).extracting(line -> line.substring(line.indexOf(" msg=")))
                .containsExactly(" msg=\"watch closed\" subsys=k8s-client", " msg=\"frame received\" subsys=k8s-client");
    }

    @Test
    void errorLevelSilencesLibraryWarningsToo() {
        CapturedLog log = new CapturedLog(LogFormat.TEXT, LogLevel.ERROR);

        log.logger(LIBRARY).warn("watch closed");
        log.logger(AGENT).warn("jitter capped");
        log.logger(AGENT).error("cannot write state file");

        assertThat(log.lines()).hasSize(1).allMatch(line -> line.contains("level=error"));
    }

    @Test
    void reconfiguringChangesLoggersThatAlreadyExist() {
        CapturedLog log = new CapturedLog(LogFormat.TEXT, LogLevel.WARN);
        Logger agent = log.logger(AGENT);

        agent.info("before");
        log.factory().configure(LogFormat.JSON, LogLevel.INFO);
        agent.info("after");

        assertThat(log.jsonObjects()).singleElement().satisfies(line -> assertThat(line).containsEntry("msg", "after"));
    }

    @Test
    void fluentKeyValuesBecomeFields() {
        CapturedLog log = new CapturedLog(LogFormat.TEXT, LogLevel.INFO);

        log.logger(AGENT).atWarn().setMessage("Jitter maximum capped")
                .addKeyValue("requested", "10m").addKeyValue("cap", "5m").log();

        assertThat(log.lines()).containsExactly("time=2026-11-24T10:00:00.123Z level=warn"
                + " msg=\"Jitter maximum capped\" subsys=k8s requested=10m cap=5m");
    }

    @Test
    void placeholdersAreFilledAndAThrowableBecomesTheErrorField() {
        CapturedLog log = new CapturedLog(LogFormat.JSON, LogLevel.INFO);
        IOException failure = new IOException("connection refused", new IllegalStateException("no route"));

        log.logger(LIBRARY).warn("Watch for {} failed", "ciliumnodes", failure);

        assertThat(log.jsonObjects()).singleElement().satisfies(line -> assertThat(line)
                .containsEntry("msg", "Watch for ciliumnodes failed")
                .containsEntry("error", "java.io.IOException: connection refused;"
                        + " caused by java.lang.IllegalStateException: no route")
                .doesNotContainKey("stacktrace"));
    }

    @Test
    void theStackTraceIsAddedOnlyWhenDebugging() {
        CapturedLog log = new CapturedLog(LogFormat.JSON, LogLevel.DEBUG);

        log.logger(AGENT).atError().setMessage("Publisher crashed").setCause(new IllegalStateException("bug")).log();

        assertThat(log.jsonObjects()).singleElement().satisfies(line -> assertThat(line)
                .containsEntry("error", "java.lang.IllegalStateException: bug")
                .hasEntrySatisfying("stacktrace", trace -> assertThat((String) trace)
                        .startsWith("java.lang.IllegalStateException: bug\n\tat ")
                        .contains("LineLoggerTest")));
    }

    @Test
    void aValueWhoseToStringFailsDropsTheLineInsteadOfThrowing() {
        CapturedLog log = new CapturedLog(LogFormat.TEXT, LogLevel.INFO);
        Object broken = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("broken toString");
            }
        };

        log.logger(AGENT).atInfo().setMessage("x").addKeyValue("value", broken).log();
        log.logger(AGENT).info("next");

        assertThat(log.lines()).singleElement().satisfies(line -> assertThat(line).endsWith("msg=next subsys=k8s"));
    }
}
