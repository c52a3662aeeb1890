package io.ipseckeyagent.adapters.runtime;

import io.vavr.collection.List;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The started parts on a stack: a stop takes them all at once, so a start that goes on meets a stop at any point. */
final class OrderedParts implements RuntimeAdapters.Lifecycle {
    private static final Logger log = LoggerFactory.getLogger(OrderedParts.class);

    private final String stoppedMessage;
    private final Deque<Part> started = new ArrayDeque<>(); // guarded by this; the last started first
    private boolean stopping; // guarded by this
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** A part that is running, and how to stop it. */
    private record Part(String name, AutoCloseable stop) {}

    OrderedParts(String stoppedMessage) {
        this.stoppedMessage = Objects.requireNonNull(stoppedMessage, "stoppedMessage");
    }

    @Override
    public boolean started(String name, AutoCloseable stop) {
        Part part = new Part(name, stop);
        synchronized (this) {
            if (!stopping) {
                started.push(part);
                return true;
            }
        }
        stopQuietly(part);
        return false;
    }

    @Override
    public boolean stop() {
        List<Part> parts;
        synchronized (this) {
            if (stopping) {
                return false;
            }
            stopping = true;
            parts = List.ofAll(started);
            started.clear();
        }
        long begin = System.nanoTime();
        parts.forEach(OrderedParts::stopQuietly);
        stopped.countDown();
        log.atInfo().setMessage(stoppedMessage).addKeyValue("tookMillis", (System.nanoTime() - begin) / 1_000_000).log();
        return true;
    }

    @Override
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    private static void stopQuietly(Part part) {
        try {
            part.stop().close();
            log.atDebug().setMessage("Stopped").addKeyValue("part", part.name()).log();
        } catch (Exception | LinkageError e) {
            log.atWarn().setMessage("Failed to stop cleanly").addKeyValue("part", part.name())
                    .addKeyValue("error", e.toString()).log();
        }
    }
}
