package io.ipseckeyagent.bootstrap.run;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ipseckeyagent.testkit.KeyFiles;
import io.ipseckeyagent.standins.MockApiServer;
import io.ipseckeyagent.standins.KubeletSecretVolume;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Figures for the issue, not a test: starts the agent jar as a child process with the JVM flags and
 * literal environment of the DaemonSet manifest (with the AOT cache the jar's build made, as the image
 * makes its own), against a mock API server on loopback and a kubelet-style key directory,
 * times start-up to "agent ready", rotates the key a few times, reads the resident set from
 * {@code /proc}, stops it with SIGTERM and prints one JSON line.
 *
 * <pre>./mvnw -B -q -pl bootstrap -am verify -DskipTests -Pmeasure-run</pre>
 *
 * Arguments: the agent jar, the DaemonSet manifest, the number of rotations, and optionally more JVM
 * flags to try (after the manifest's; {@code -Dmeasure.extraJvmFlags="..."}) and a number of other
 * CiliumNodes, shaped like real ones, in the cluster ({@code -Dmeasure.otherNodes=1000}).
 */
public final class MeasureRun {
    private static final NodeName NODE = NodeName.of("node-a");
    private static final Pattern STARTUP_MILLIS = Pattern.compile("\"startupMillis\":(\\d+)");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private MeasureRun() {}

    /**
     * Exits when done: the mock server's Vert.x threads are not daemons, and one stopped while its event
     * loop is still busy (after serving 50,000 CiliumNodes) would keep this JVM, and the build, waiting.
     */
    public static void main(String[] args) {
        try {
            measure(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void measure(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Map<String, Object> container = agentContainer(Path.of(args[1]));
        List<String> jvmFlags = jvmFlagsOf(container);
        int rotations = Integer.parseInt(args[2]);
        int otherNodes = args.length > 4 && !args[4].isBlank() ? Integer.parseInt(args[4]) : 0;
        for (String extra : args.length > 3 ? args[3].split(" ") : new String[0]) {
            if (!extra.isBlank()) {
                jvmFlags = append(jvmFlags, extra);
            }
        }
        Path dir = Files.createTempDirectory("measure-run");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        jvmFlags = withAotCache(jvmFlags, jar);
        MockApiServer cluster = new MockApiServer();
        try {
            created(cluster, NODE, () -> cluster.createNode(NODE, Option.some(Spi.of(3))));
            long seeding = System.nanoTime();
            cluster.createRealisticNodes(otherNodes, Spi.of(3)); // node-1 .. node-N
            long seedMillis = (System.nanoTime() - seeding) / 1_000_000;
            KubeletSecretVolume secret = new KubeletSecretVolume(dir.resolve("secret"));
            StringBuilder keys = new StringBuilder(KeyFiles.aead(3, 3)).append('\n');
            secret.write(keys.toString());

            List<String> command = new ArrayList<>();
            command.add(java.toString());
            command.addAll(jvmFlags);
            command.addAll(List.of("-jar", jar.toString(), "run", "--node-name=" + NODE.value(),
                    "--kubeconfig=" + cluster.writeKubeconfig(dir), "--ipsec-key-file=" + secret.keyFile(),
                    "--state-file=" + dir.resolve("state.json"), "--prometheus-serve-addr=127.0.0.1:" + freePort(),
                    "--ipsec-key-rotation-duration=40s", "--ipsec-jitter-max-duration=2s", "--key-file-poll-interval=1s",
                    "--log-format=json"));
            long javaVersionMillis = javaVersionMillis(java);
            long spawned = System.nanoTime();
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(literalEnvironmentOf(container));
            Process agent = builder.start();
            CompletableFuture<String> ready = new CompletableFuture<>();
            Thread reader = new Thread(() -> readLog(agent, ready, "\"msg\":\"agent ready\""), "agent-log");
            reader.setDaemon(true);
            reader.start();

            String readyLine = ready.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            long readyMillis = (System.nanoTime() - spawned) / 1_000_000;
            long rssAtReady = residentKiB(agent.pid(), "VmRSS");
            long cpuAtReady = cpuMillis(agent.pid());

            long rotationNanos = 0;
            for (int spi = 4; spi < 4 + rotations; spi++) {
                keys.append(KeyFiles.aead(spi, spi)).append('\n');
                secret.write(keys.toString());
                long written = System.nanoTime();
                int expected = spi;
                while (!cluster.keyOf(NODE).contains(Spi.of(expected))) {
                    if (System.nanoTime() - written > PATIENCE.toNanos()) {
                        throw new IllegalStateException("SPI " + expected + " was not published within " + PATIENCE);
                    }
                    Thread.sleep(20);
                }
                rotationNanos += System.nanoTime() - written;
            }
            Thread.sleep(3_000); // let the last publish settle
            long rss = residentKiB(agent.pid(), "VmRSS");
            long rssPeak = residentKiB(agent.pid(), "VmHWM");
            if (System.getenv("MEASURE_JCMD") != null) {
                diagnose(agent.pid(), java);
            }

            long stopping = System.nanoTime();
            agent.destroy(); // SIGTERM
            boolean exited = agent.waitFor(10, TimeUnit.SECONDS);
            long stopMillis = (System.nanoTime() - stopping) / 1_000_000;

            System.out.println("{\"jvmFlags\":\"" + String.join(" ", jvmFlags) + "\""
                    + ",\"environment\":\"" + literalEnvironmentOf(container) + "\""
                    + ",\"readyMillis\":" + readyMillis
                    + ",\"javaVersionMillis\":" + javaVersionMillis
                    + ",\"readyPerJavaVersion\":" + String.format(Locale.ROOT, "%.1f", (double) readyMillis / javaVersionMillis)
                    + ",\"agentStartupMillis\":" + startupMillis(readyLine)
                    + ",\"cpuMillisAtReady\":" + cpuAtReady
                    + ",\"rssAtReadyMiB\":" + mib(rssAtReady)
                    + ",\"otherNodes\":" + otherNodes
                    + ",\"seedMillis\":" + seedMillis
                    + ",\"rotations\":" + rotations
                    + ",\"patches\":" + cluster.patchesOf(NODE).size()
                    + ",\"meanRotationMillis\":" + (rotations == 0 ? 0 : rotationNanos / rotations / 1_000_000)
                    + ",\"rssMiB\":" + mib(rss)
                    + ",\"rssPeakMiB\":" + mib(rssPeak)
                    + ",\"stopMillis\":" + stopMillis
                    + ",\"exitCode\":" + (exited ? agent.exitValue() : "null") + "}");
            if (!exited) {
                agent.destroyForcibly();
            }
        } finally {
            closeQuietly(cluster);
        }
    }

    /**
     * The median of five {@code java -version} runs, just before the agent's start: this machine's
     * speed at that moment, for a start-up figure that can be compared across machines and hours.
     */
    private static long javaVersionMillis(Path java) throws IOException, InterruptedException {
        long[] millis = new long[5];
        for (int run = 0; run < millis.length; run++) {
            long started = System.nanoTime();
            new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            millis[run] = (System.nanoTime() - started) / 1_000_000;
        }
        Arrays.sort(millis);
        return millis[millis.length / 2];
    }

    /**
     * Stops the stand-in server; one that does not stop in time is reported, not fatal: with 50,000
     * CiliumNodes its event loop can still be busy (fabric8's CRUD mode serialises every stored object
     * for each new watch), and the figures are printed by then.
     */
    private static void closeQuietly(MockApiServer cluster) {
        try {
            cluster.close();
        } catch (IllegalStateException slow) {
            System.err.println("measure-run: the stand-in API server did not stop in time (" + slow.getMessage() + ")");
        }
    }

    /**
     * Seeds one CiliumNode. The seeding client keeps fabric8's retries (the mock's defaults), so on a
     * loaded machine a POST that timed out but was stored is retried and answered 409: that node is there.
     */
    private static void created(MockApiServer cluster, NodeName node, Runnable create) {
        try {
            create.run();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409 || cluster.node(node).isEmpty()) {
                throw e;
            }
        }
    }

    /**
     * With {@code MEASURE_JCMD} set: where the child's memory is, on stderr (heap before and after the live histogram's full collection, native memory when
     * {@code -XX:NativeMemoryTracking} is among the extra flags, and the largest classes on the heap; a heap dump to {@code MEASURE_HEAP_DUMP} if set).
     */
    private static void diagnose(long pid, Path java) throws IOException, InterruptedException {
        Path jcmd = java.resolveSibling("jcmd");
        for (String command : List.of("GC.heap_info", "VM.native_memory summary", "GC.class_histogram", "GC.heap_info")) {
            List<String> call = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
            call.addAll(List.of(command.split(" ")));
            Process run = new ProcessBuilder(call).redirectErrorStream(true).start();
            List<String> lines = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            run.waitFor();
            lines.stream().limit(command.startsWith("GC.class_histogram") ? 30 : 200).forEach(line -> System.err.println("jcmd: " + line));
        }
        String dump = System.getenv("MEASURE_HEAP_DUMP");
        if (dump != null) {
            new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_dump", dump).inheritIO().start().waitFor();
        }
    }

    private static List<String> append(List<String> flags, String flag) {
        List<String> more = new ArrayList<>(flags);
        more.add(flag);
        return more;
    }

    /**
     * The flags with the manifest's {@code -XX:AOTCache} pointing to the cache the jar's build made beside the
     * jar (bootstrap/pom.xml, deploy/aot-training.sh), or without it where that build made none (a JDK
     * older than 25, or {@code -Daot.skip}): such a JVM does not know the flag.
     */
    static List<String> withAotCache(List<String> jvmFlags, Path jar) {
        String cacheFlag = "-XX:AOTCache=";
        Path cache = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", ".aot"));
        boolean usable = Runtime.version().feature() >= 25 && Files.isRegularFile(cache);
        return jvmFlags.stream()
                .filter(flag -> usable || !flag.startsWith(cacheFlag))
                .map(flag -> flag.startsWith(cacheFlag) ? cacheFlag + cache : flag)
                .toList();
    }

    /** The agent's container in the DaemonSet manifest. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> agentContainer(Path daemonSet) throws IOException {
        Map<String, Object> manifest = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(daemonSet));
        Map<String, Object> podSpec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) manifest.get("spec"))
                .get("template")).get("spec");
        return ((List<Map<String, Object>>) podSpec.get("containers")).get(0);
    }

    /**
     * The arguments between {@code java} and {@code -jar} in the container's command, and, as the JVM
     * in the container sees its memory limit as the machine's memory, {@code -XX:MaxRAM} set to it.
     */
    @SuppressWarnings("unchecked")
    static List<String> jvmFlagsOf(Map<String, Object> container) {
        List<String> command = (List<String>) container.get("command");
        List<String> flags = new ArrayList<>(command.subList(1, command.indexOf("-jar")));
        Object limit = ((Map<String, Map<String, Object>>) container.get("resources")).get("limits").get("memory");
        Matcher mebibytes = Pattern.compile("(\\d+)Mi").matcher(String.valueOf(limit));
        if (!mebibytes.matches()) {
            throw new IllegalArgumentException("memory limit " + limit + ": write it in Mi");
        }
        flags.add("-XX:MaxRAM=" + Long.parseLong(mebibytes.group(1)) * 1024 * 1024);
        return List.copyOf(flags);
    }

    /** The container's environment variables that have a literal value (such as MALLOC_ARENA_MAX). */
    @SuppressWarnings("unchecked")
    static Map<String, String> literalEnvironmentOf(Map<String, Object> container) {
        Map<String, String> environment = new java.util.LinkedHashMap<>();
        for (Map<String, Object> variable : (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
            if (variable.get("value") != null) {
                environment.put((String) variable.get("name"), String.valueOf(variable.get("value")));
            }
        }
        return environment;
    }

    /** Completes {@code ready} with the line that holds {@code readyMark}; echoes warnings, errors and other output. */
    private static void readLog(Process agent, CompletableFuture<String> ready, String readyMark) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(agent.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.contains(readyMark)) {
                    ready.complete(line);
                } else if (line.contains("\"level\":\"ERROR\"") || line.contains("\"level\":\"WARN\"")
                        || !(line.startsWith("{") || line.startsWith("time="))) {
                    System.err.println("agent: " + line);
                }
            }
            ready.completeExceptionally(new IllegalStateException("the agent exited before it was ready"));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    private static long startupMillis(String readyLine) {
        Matcher match = STARTUP_MILLIS.matcher(readyLine);
        return match.find() ? Long.parseLong(match.group(1)) : -1;
    }

    /** A field of {@code /proc/PID/status}, in KiB. */
    private static long residentKiB(long pid, String field) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith(field + ":"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst()
                .orElse(-1L);
    }

    /** User and system CPU time of the process so far, from {@code /proc/PID/stat} (fields 14 and 15, in clock ticks of 10 ms). */
    private static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    private static String mib(long kib) {
        return String.format(java.util.Locale.ROOT, "%.1f", kib / 1024.0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
