package io.ipseckeyagent.simulator;

import io.ipseckeyagent.cli.JarVersion;
import io.ipseckeyagent.cli.OutputFormat;
import io.ipseckeyagent.simulator.format.DurationConverter;
import io.ipseckeyagent.simulator.demo.Demo;
import io.ipseckeyagent.simulator.demo.DemoReport;
import io.ipseckeyagent.simulator.demo.DemoResult;
import io.ipseckeyagent.simulator.demo.DemoSettings;
import io.ipseckeyagent.simulator.demo.RelayDemo;
import io.vavr.collection.Seq;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo}: real agents, a real Secret volume and a real HTTP API server, two rotations, PATCHes counted. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = JarVersion.class,
        sortOptions = false,
        description = {
            "Starts fabric8's mock Kubernetes API server on loopback, creates the CiliumNodes and a kubelet-style"
                    + " Secret volume in a temporary directory, and runs N real agents in this JVM (key file watcher,"
                    + " state file, CiliumNode publisher and watch over HTTP).",
            "Then rotates the key twice: with jitter disabled, and, after the agents restart, with uniform jitter."
                    + " Prints the PATCH requests the server received per second, for each. About half a minute;"
                    + " --quick takes about ten seconds. Progress goes to standard error.",
            "--mode relay runs the agents in relay mode instead, each next to an in-process stand-in for its"
                    + " cilium-agent that polls the relayed key file every second, loads it and PATCHes its CiliumNode:"
                    + " the PATCHes counted are Cilium's, spread (or not) by the agents' jitter."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every node published each new key once", "1:the demo failed", "2:usage error"})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", paramLabel = "N", description = "Agents (and CiliumNodes). Default: 30, or 10 with --quick.")
    Integer nodes;

    @Option(names = "--quick", description = "A short run for CI: 10s rotation window, up to 3s of jitter.")
    boolean quick;

    @Option(names = "--jitter-max", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Largest delay with jitter on. Default: 15s, or 3s with --quick.")
    Duration jitterMax;

    @Option(names = "--rotation-duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The agents' rotation window. Default: 40s, or 10s with --quick.")
    Duration rotationDuration;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the agents' random draws. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--mode", paramLabel = "publish|relay", converter = DemoMode.Converter.class, defaultValue = "publish",
            description = "publish: the agents PATCH their CiliumNodes. relay: they relay the keys to cilium-agent"
                    + " stand-ins, which PATCH. Default: ${DEFAULT-VALUE}.")
    DemoMode mode;

    @Option(names = {"-o", "--output"}, paramLabel = "text|json", converter = OutputFormat.Converter.class,
            defaultValue = "text", description = "text: bar charts. json: one object. Default: ${DEFAULT-VALUE}.")
    OutputFormat output;

    @Option(names = "--out-dir", paramLabel = "DIR",
            description = "Also write, per rotation, what the API server saw each second as demo-N-ROTATION.csv and a"
                    + " chart of both rotations on one time axis as demo-N.png (N: the nodes; demo-relay-N in relay mode) into this directory.")
    Path outDir;

    @Override
    public Integer call() throws Exception {
        DemoSettings base = quick ? DemoSettings.quick() : DemoSettings.standard();
        DemoSettings settings = new DemoSettings(nodes != null ? nodes : base.nodes(),
                rotationDuration != null ? rotationDuration : base.rotationDuration(),
                jitterMax != null ? jitterMax : base.jitterMax(), base.pollInterval(), base.publishBudget(), seed);
        PrintWriter err = spec.commandLine().getErr();
        Seq<String> problems = mode == DemoMode.RELAY ? RelayDemo.problems(settings) : settings.problems();
        if (!problems.isEmpty()) {
            problems.forEach(problem -> err.println("demo: " + problem));
            err.flush();
            return 2;
        }
        DemoResult result;
        try {
            result = mode == DemoMode.RELAY ? new RelayDemo(settings, err).run() : new Demo(settings, err).run();
        } catch (IllegalStateException | UncheckedIOException | IOException failed) {
            err.println("demo: " + failed.getMessage());
            err.flush();
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(output == OutputFormat.JSON ? DemoReport.json(result) : DemoReport.text(result));
        out.flush();
        if (outDir != null) {
            try {
                DemoReport.files(result, outDir, mode == DemoMode.RELAY ? "demo-relay" : "demo").forEach(file -> err.println("demo: wrote " + file));
            } catch (IOException | UncheckedIOException failed) {
                err.println("demo: cannot write the series to " + outDir + ": " + failed.getMessage());
                err.flush();
                return 1;
            }
            err.flush();
        }
        boolean oncePerNode = result.rotations().stream().allMatch(r -> r.nodesCarryingNewSpi() == result.nodes()
                && r.patchesPerNode().size() == result.nodes()
                && r.patchesPerNode().values().stream().allMatch(count -> count == 1));
        return oncePerNode ? 0 : 1;
    }
}
