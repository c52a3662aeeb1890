package io.ipseckeyagent.e2e;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent jar running as a child JVM: its output captured line by line as it comes, log lines
 * awaited by message, stopped with SIGTERM and timed, and always killed when the test ends.
 */
final class AgentProcess implements AutoCloseable {
    /** Small and quick: the agent is short-lived here, so no JIT tiers beyond C1 and the smallest GC. */
    private static final List<String> JVM_FLAGS =
            List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx96m");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Which stream a line came from. */
    enum Stream { STDOUT, STDERR }

    /** One line of output. */
    record Line(Stream stream, String text) {}

    /** How the process ended. */
    record Exit(int code, Duration afterSignal) {}

    private final Process process;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    /** The lines that are JSON objects, parsed once as they are read. */
    private final List<JsonNode> records = new CopyOnWriteArrayList<>();
    private final List<Thread> readers = new ArrayList<>();

    private AgentProcess(Process process) {
        this.process = process;
        readers.add(read(process.getInputStream(), Stream.STDOUT));
        readers.add(read(process.getErrorStream(), Stream.STDERR));
    }

    /** Starts {@code java -jar <agent jar> args...}, with {@code environment} on top of a cleaned copy of ours. */
    static AgentProcess start(List<String> args, Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.add("-jar");
        command.add(agentJar().toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        // Nothing from the developer's shell may configure the agent: only what the test passes.
        builder.environment().keySet().removeIf(name -> name.startsWith("IPSEC_KEY_AGENT_")
                || name.equals("NODE_NAME") || name.equals("KUBECONFIG") || name.startsWith("KUBERNETES_"));
        builder.environment().putAll(environment);
        try {
            return new AgentProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** The shaded jar, packaged by bootstrap earlier in the reactor (system property set by the pom). */
    static Path agentJar() {
        String configured = System.getProperty("agent.jar", "../bootstrap/target/ipsec-key-agent.jar");
        Path jar = Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no agent jar at " + jar + "; build it first: ./mvnw -B -pl bootstrap -am package");
        }
        return jar;
    }

    private Thread read(InputStream stream, Stream which) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String text = in.readLine(); text != null; text = in.readLine()) {
                    lines.add(new Line(which, text));
                    parseObject(text).ifPresent(records::add);
                }
            } catch (IOException closed) {
                // the process is gone; what was read is kept
            }
        }, "agent-" + which.name().toLowerCase(Locale.ROOT));
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    /** Every line read so far, both streams, in the order they were read. */
    List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The text of every line of {@code stream} read so far. */
    List<String> lines(Stream stream) {
        return lines.stream().filter(line -> line.stream() == stream).map(Line::text).toList();
    }

    /** Everything read so far, one string. */
    String output() {
        return lines.stream().map(Line::text).collect(Collectors.joining("\n"));
    }

    /** The lines that parse as JSON objects (the agent's log lines with {@code --log-format=json}). */
    List<JsonNode> logRecords() {
        return List.copyOf(records);
    }

    /** Parses one line as a JSON object; empty when it is anything else. */
    static Optional<JsonNode> parseObject(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }

    /** The log records whose {@code msg} is {@code message}, in order. */
    List<JsonNode> logged(String message) {
        return logRecords().stream().filter(record -> message.equals(record.path("msg").asString())).toList();
    }

    /** Waits for the first log record with this message matching {@code also}; fails early if the agent exits. */
    JsonNode awaitLogged(String message, Predicate<JsonNode> also, Duration atMost) {
        Predicate<JsonNode> wanted = record -> message.equals(record.path("msg").asString()) && also.test(record);
        awaitOutput("a log record \"" + message + "\"", () -> logRecords().stream().anyMatch(wanted), atMost);
        return logRecords().stream().filter(wanted).findFirst().orElseThrow();
    }

    JsonNode awaitLogged(String message, Duration atMost) {
        return awaitLogged(message, record -> true, atMost);
    }

    /** Waits until {@code condition} holds; fails early, with the (redacted) output, if the agent exits. */
    void awaitOutput(String what, Callable<Boolean> condition, Duration atMost) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(50)).pollDelay(Duration.ZERO)
                    .failFast("the agent exited", () -> !process.isAlive() && !condition.call())
                    .until(condition);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError("waited for " + what + " (at most " + atMost.toMillis() + " ms): "
                    + e.getMessage() + "\n" + describe(), e);
        }
    }

    /** Waits for the process to end by itself (a command that is not {@code run}). */
    int awaitExit(Duration atMost) {
        try {
            if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("still running after " + atMost.toMillis() + " ms\n" + describe());
            }
            drainOutput();
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Sends SIGTERM and waits (at most 15 s) for the exit; the duration is measured from the signal.
     * Through the process handle: {@link Process#destroy()} also closes our ends of the child's
     * stdout and stderr, which would lose everything the agent logs while it stops.
     */
    Exit terminate() {
        long signalled = System.nanoTime();
        process.toHandle().destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                throw new AssertionError("no exit within 15 s of SIGTERM\n" + describe());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - signalled);
            drainOutput();
            return new Exit(process.exitValue(), took);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of output, safe to print (long hex runs blanked), for failure messages. */
    String describe() {
        List<Line> all = lines();
        List<Line> tail = all.subList(Math.max(0, all.size() - 40), all.size());
        String alive = process.isAlive() ? "running" : "exited with " + process.exitValue();
        return "agent " + alive + "; last " + tail.size() + " of " + all.size() + " lines:\n"
                + KeyMaterial.redact(tail.stream().map(line -> "  " + line.stream() + " " + line.text())
                        .collect(Collectors.joining("\n")));
    }

    /** After the exit, lets the readers reach the end of both streams. */
    private void drainOutput() throws InterruptedException {
        for (Thread reader : readers) {
            reader.join(2_000);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
