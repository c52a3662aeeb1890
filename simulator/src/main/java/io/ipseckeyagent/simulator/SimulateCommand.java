package io.ipseckeyagent.simulator;

import io.ipseckeyagent.cli.JarVersion;
import io.ipseckeyagent.cli.OutputFormat;
import io.ipseckeyagent.domain.time.GoDuration;
import io.ipseckeyagent.simulator.format.DurationConverter;
import io.ipseckeyagent.simulator.fleet.ApiServerModel;
import io.ipseckeyagent.simulator.fleet.FleetModel;
import io.ipseckeyagent.simulator.fleet.FleetReport;
import io.ipseckeyagent.simulator.fleet.FleetSimulation;
import io.ipseckeyagent.simulator.fleet.Scenario;
import io.ipseckeyagent.simulator.fleet.ScenarioResult;
import io.ipseckeyagent.simulator.series.SeriesFiles;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code simulate}: one rotation of a whole fleet in virtual time, once per scenario. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        versionProvider = JarVersion.class,
        sortOptions = false,
        description = {
            "Runs one key rotation of N agents (the agent's real rotation service, in-memory adapters) on one"
                    + " virtual clock against a modelled API server, once per scenario, and reports the write rate,"
                    + " the watch fan-out, the 429s and the deadlines.",
            "Same seed, same output. Nothing sleeps: 100,000 nodes take seconds."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every scenario that ran published every node in time", "1:some node was late or never published, or --out-dir could not be written",
            "2:usage error"})
final class SimulateCommand implements Callable<Integer> {
    private static final FleetModel DEFAULTS = FleetModel.defaults();

    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "" + FleetModel.DEFAULT_NODES, description = "Nodes in the fleet. Default: ${DEFAULT-VALUE}.")
    int nodes;

    @Option(names = "--scenarios", split = ",", paramLabel = "NAME",
            description = "Which to run: disabled (no jitter, Cilium before 1.19), cilium (Cilium main: uniform over a tenth of"
                    + " the window), uniform (the proposal's fixed --jitter-max), auto (sized by the cluster), node-hash, rank."
                    + " Default: all.")
    java.util.List<String> scenarios;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random draw. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--rotation-duration", defaultValue = "5m", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The agents' --ipsec-key-rotation-duration: each node must adopt the key within it. Default: ${DEFAULT-VALUE}.")
    Duration rotationDuration;

    @Option(names = "--jitter-max", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The fixed --ipsec-jitter-max-duration of uniform, node-hash and rank. Default: half the rotation duration.")
    Duration jitterMax;

    @Option(names = "--target-rate", defaultValue = "20", paramLabel = "WRITES_PER_SECOND",
            description = "The agents' --ipsec-jitter-target-rate, for auto. Default: ${DEFAULT-VALUE}.")
    double targetRate;

    @Option(names = "--secret-propagation", defaultValue = "1m", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The agents' --secret-propagation-budget, reserved by the cap. Default: ${DEFAULT-VALUE}.")
    Duration secretPropagation;

    @Option(names = "--poll-interval", defaultValue = "5s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The agents' --key-file-poll-interval. Default: ${DEFAULT-VALUE}.")
    Duration pollInterval;

    @Option(names = "--publish-budget", defaultValue = "30s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Time the agents keep for publishing after the jitter. Default: ${DEFAULT-VALUE}.")
    Duration publishBudget;

    @Option(names = "--detection-skew", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Each node sees the changed Secret at a uniform instant within this. Default: the poll interval.")
    Duration detectionSkew;

    @Option(names = "--api-writes-per-second", defaultValue = "1000",
            description = "Writes the API server commits per second, one after another. Default: ${DEFAULT-VALUE}.")
    int writesPerSecond;

    @Option(names = "--api-queue-limit", defaultValue = "2000",
            description = "Writes that may wait; beyond them the server answers 429. Default: ${DEFAULT-VALUE}.")
    int queueLimit;

    @Option(names = "--api-latency", defaultValue = "20ms", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "From commit (or rejection) to the agent's answer. Default: ${DEFAULT-VALUE}.")
    Duration latency;

    @Option(names = "--api-retry-after", defaultValue = "1s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Retry-After of the 429 answers (kube-apiserver sends 1). Default: ${DEFAULT-VALUE}.")
    Duration retryAfter;

    @Option(names = "--observers", defaultValue = "10",
            description = "Agents that receive every watch event through their remote-node use case. Default: ${DEFAULT-VALUE}.")
    int observers;

    @Option(names = "--threads", paramLabel = "N",
            description = "Scenarios run at once, each on its own fleet and clock: the same results; less wall time"
                    + " for about one fleet's more memory each. Default: ${DEFAULT-VALUE}.", defaultValue = "1")
    int threads;

    @Option(names = {"-o", "--output"}, paramLabel = "text|json", converter = OutputFormat.Converter.class,
            defaultValue = "text", description = "text: a table. json: one object {model, scenarios}. Default: ${DEFAULT-VALUE}.")
    OutputFormat output;

    @Option(names = "--out-dir", paramLabel = "DIR",
            description = "Also write, per scenario, the per-second series as simulate-N-SCENARIO.csv and a chart of every"
                    + " scenario on one time axis as simulate-N.png (N: the nodes) into this directory.")
    Path outDir;

    @Override
    public Integer call() {
        FleetModel model = new FleetModel(nodes, seed, rotationDuration,
                jitterMax != null ? jitterMax : rotationDuration.dividedBy(2), pollInterval, publishBudget,
                detectionSkew != null ? detectionSkew : pollInterval,
                new ApiServerModel(writesPerSecond, queueLimit, latency, retryAfter), observers, targetRate, secretPropagation);
        Either<Seq<String>, Seq<Scenario>> chosen = scenarios == null ? Either.right(Scenario.ALL)
                : Either.sequence(List.ofAll(scenarios).map(Scenario::parse));
        int parallel = threads;
        Seq<String> problems = model.problems().appendAll(chosen.fold(wrong -> wrong, right -> List.empty()))
                .appendAll(parallel < 1 ? List.of("--threads must be at least 1, was " + parallel) : List.empty());
        PrintWriter err = spec.commandLine().getErr();
        if (!problems.isEmpty()) {
            problems.forEach(problem -> err.println("simulate: " + problem));
            err.flush();
            return 2;
        }
        long started = System.nanoTime();
        List<ScenarioResult> results = FleetSimulation.run(model, chosen.map(List::ofAll).getOrElse(List.empty()), parallel);
        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.JSON) {
            out.print(FleetReport.json(model, results));
        } else {
            out.print(FleetReport.text(model, results));
            out.printf(Locale.ROOT, "%nSimulated in %.1f s of wall time.%n", (System.nanoTime() - started) / 1e9);
        }
        out.flush();
        if (outDir != null) {
            try {
                SeriesFiles.write(outDir, "simulate-" + model.nodes(),
                        String.format(Locale.ROOT, "One key rotation of %,d nodes, per scenario", model.nodes()),
                        String.format(Locale.ROOT, "simulate --nodes %d (seed %d): API server %,d writes/s, rotation"
                                        + " window %s, every write a watch event for the %,d other agents", model.nodes(),
                                model.seed(), model.api().writesPerSecond(), GoDuration.format(model.rotationDuration()),
                                model.nodes() - 1),
                        results.map(ScenarioResult::series).toJavaList())
                        .forEach(file -> err.println("simulate: wrote " + file));
            } catch (IOException | UncheckedIOException failed) {
                err.println("simulate: cannot write the series to " + outDir + ": " + failed.getMessage());
                err.flush();
                return 1;
            }
            err.flush();
        }
        boolean allInTime = results.forAll(ScenarioResult::everyNodeInTime);
        return allInTime ? 0 : 1;
    }
}
