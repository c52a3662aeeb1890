package io.ipseckeyagent.simulator;

import io.ipseckeyagent.cli.JarVersion;
import io.ipseckeyagent.cli.OutputFormat;
import io.ipseckeyagent.domain.time.GoDuration;
import io.ipseckeyagent.simulator.format.DurationConverter;
import io.ipseckeyagent.simulator.format.Json;
import io.ipseckeyagent.simulator.fleet.ApiServerModel;
import io.ipseckeyagent.simulator.fleet.FleetModel;
import io.ipseckeyagent.simulator.fleet.FleetSimulation;
import io.ipseckeyagent.simulator.fleet.Scenario;
import io.ipseckeyagent.simulator.fleet.ScenarioResult;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code advise}: for N nodes, an API server of capacity C and a window W, simulates each candidate
 * setting once and says which keep the peak under C, every node inside the window (first to last
 * adoption too) and small clusters fast, with what each costs.
 */
@Command(
        name = "advise",
        mixinStandardHelpOptions = true,
        versionProvider = JarVersion.class,
        sortOptions = false,
        description = {"Sizing advice: simulates one rotation per candidate setting (disabled, cilium, fixed maxima,"
                + " auto at several target rates) and reports peak writes/s, peak watch events/s and p50/p99 adoption"
                + " delay, and which candidates fit."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:some candidate fits", "1:none fits", "2:usage error"})
final class AdviseCommand implements Callable<Integer> {
    /** The clusters a setting must keep fast: 10 nodes adopt within this. */
    private static final Duration SMALL_CLUSTER_MAX = Duration.ofSeconds(1);

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--nodes", paramLabel = "N", defaultValue = "5000", description = "Nodes. Default: ${DEFAULT-VALUE}.")
    int nodes;

    @picocli.CommandLine.Option(names = "--api-writes-per-second", paramLabel = "C", defaultValue = "1000",
            description = "What the API server commits per second. Default: ${DEFAULT-VALUE}.")
    int capacity;

    @picocli.CommandLine.Option(names = "--rotation-duration", paramLabel = "W", defaultValue = "5m", converter = DurationConverter.class,
            description = "The rotation window, --ipsec-key-rotation-duration. Default: ${DEFAULT-VALUE}.")
    Duration window;

    @picocli.CommandLine.Option(names = "--detection-skew", defaultValue = "1m", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How late nodes see the Secret, one from another. Default: ${DEFAULT-VALUE}.")
    Duration skew;

    @picocli.CommandLine.Option(names = "--seed", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @picocli.CommandLine.Option(names = {"-o", "--output"}, paramLabel = "text|json", converter = OutputFormat.Converter.class,
            defaultValue = "text", description = "text: a table and a recommendation. json: {model, candidates, recommended}.")
    OutputFormat output;

    record Candidate(String setting, Scenario scenario, double rate, Duration fixedMax) {}

    record Verdict(Candidate candidate, ScenarioResult result, boolean underCapacity, boolean inWindow, boolean smallFast) {
        boolean fits() {
            return underCapacity && inWindow && smallFast;
        }
    }

    @Override
    public Integer call() {
        FleetModel base = FleetModel.defaults().withNodes(nodes).withSeed(seed).withDetectionSkew(skew)
                .withApi(new ApiServerModel(capacity, ApiServerModel.defaults().queueLimit(), ApiServerModel.defaults().latency(),
                        ApiServerModel.defaults().retryAfter()));
        FleetModel model = new FleetModel(base.nodes(), base.seed(), window, window.dividedBy(2), base.pollInterval(),
                base.publishBudget(), base.detectionSkew(), base.api(), base.sampledObservers(), base.targetRate(),
                base.secretPropagation());
        PrintWriter err = spec.commandLine().getErr();
        if (!model.problems().isEmpty()) {
            model.problems().forEach(problem -> err.println("advise: " + problem));
            err.flush();
            return 2;
        }
        List<Verdict> verdicts = candidates(model).map(candidate -> judge(model, candidate));
        // The gentlest on the API server; then the fastest; then the faster for small clusters (higher rate).
        Option<Verdict> best = verdicts.filter(Verdict::fits).minBy(java.util.Comparator
                .comparingInt((Verdict v) -> v.result().requests().peak())
                .thenComparing(v -> v.result().adoptionP99())
                .thenComparing(v -> -v.candidate().rate()));
        PrintWriter out = spec.commandLine().getOut();
        out.print(output == OutputFormat.JSON ? json(model, verdicts, best) : text(model, verdicts, best));
        out.flush();
        return best.isDefined() ? 0 : 1;
    }

    private static List<Candidate> candidates(FleetModel model) {
        Duration half = model.rotationDuration().dividedBy(2);
        return List.of(
                        new Candidate("--enable-ipsec-jitter=false", Scenario.DISABLED, model.targetRate(), half),
                        new Candidate("--ipsec-jitter-policy=cilium", Scenario.CILIUM, model.targetRate(), half),
                        new Candidate("--ipsec-jitter-max-duration=" + GoDuration.format(half), Scenario.UNIFORM, model.targetRate(), half))
                .appendAll(List.of(5.0, 10.0, 20.0, 50.0, 100.0).map(rate -> new Candidate(
                        "--ipsec-jitter-max-duration=auto --ipsec-jitter-target-rate=" + FleetReportRate.of(rate), Scenario.AUTO, rate, half)));
    }

    private static Verdict judge(FleetModel model, Candidate candidate) {
        FleetModel tried = new FleetModel(model.nodes(), model.seed(), model.rotationDuration(), candidate.fixedMax(),
                model.pollInterval(), model.publishBudget(), model.detectionSkew(), model.api(), model.sampledObservers(),
                candidate.rate(), model.secretPropagation());
        ScenarioResult result = FleetSimulation.run(tried, candidate.scenario());
        // Small clusters: what this setting draws at 10 nodes.
        Duration smallMax = candidate.scenario().settings(tried.withNodes(10).jitterForAdvice()).resolve()
                .map(jitter -> jitter.bound(10).max()).getOrElse(Duration.ZERO);
        boolean underCapacity = result.requests().peak() <= model.api().writesPerSecond() && result.tooManyRequests() == 0;
        return new Verdict(candidate, result, underCapacity, result.everyNodeInTime(), smallMax.compareTo(SMALL_CLUSTER_MAX) <= 0);
    }

    private static String text(FleetModel model, List<Verdict> verdicts, Option<Verdict> best) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Sizing for %,d nodes, an API server committing %,d writes/s, a %s window, %s detection skew (seed %d).%n%n",
                model.nodes(), model.api().writesPerSecond(), GoDuration.format(model.rotationDuration()),
                GoDuration.format(model.detectionSkew()), model.seed()));
        String row = "%-66s %10s %11s %16s %9s %9s %6s %7s %6s%n";
        out.append(String.format(Locale.ROOT, row, "setting", "jitter max", "peak wr/s", "peak watch ev/s", "p50", "p99",
                "<= C", "window", "small"));
        for (Verdict v : verdicts) {
            ScenarioResult r = v.result();
            out.append(String.format(Locale.ROOT, row, v.candidate().setting(), GoDuration.format(r.jitterMax()),
                    String.format(Locale.ROOT, "%,d", r.requests().peak()), String.format(Locale.ROOT, "%,d", r.peakWatchEventsPerSecond()),
                    seconds(r.adoptionP50()), seconds(r.adoptionP99()), yes(v.underCapacity()), yes(v.inWindow()), yes(v.smallFast())));
        }
        out.append('\n').append(best.map(v -> "Recommended: " + v.candidate().setting()
                        + " (fits every test, and is the gentlest on the API server: lowest peak requests/s, then lowest p99).")
                .getOrElse("No candidate fits: lengthen the window or grow the API server.")).append('\n');
        out.append("<= C: peak requests/s within the capacity, no 429s. window: every node adopts in time, and the last"
                + " within the window of the first. small: 10 nodes would wait at most 1s.\n");
        return out.toString();
    }

    private static String json(FleetModel model, List<Verdict> verdicts, Option<Verdict> best) {
        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("nodes", model.nodes());
        inputs.put("apiWritesPerSecond", model.api().writesPerSecond());
        inputs.put("rotationDuration", GoDuration.format(model.rotationDuration()));
        inputs.put("detectionSkew", GoDuration.format(model.detectionSkew()));
        inputs.put("seed", model.seed());
        report.put("model", inputs);
        report.put("candidates", verdicts.map(v -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("setting", v.candidate().setting());
            json.put("scenario", v.candidate().scenario().label());
            json.put("jitterMax", GoDuration.format(v.result().jitterMax()));
            json.put("peakWritesPerSecond", v.result().writes().peak());
            json.put("peakRequestsPerSecond", v.result().requests().peak());
            json.put("peakWatchEventsPerSecond", v.result().peakWatchEventsPerSecond());
            json.put("adoptionP50Seconds", v.result().adoptionP50().toMillis() / 1000.0);
            json.put("adoptionP99Seconds", v.result().adoptionP99().toMillis() / 1000.0);
            json.put("underCapacity", v.underCapacity());
            json.put("insideWindow", v.inWindow());
            json.put("smallClustersFast", v.smallFast());
            json.put("fits", v.fits());
            return json;
        }).toJavaList());
        report.put("recommended", best.map(v -> v.candidate().setting()).getOrNull());
        return Json.render(report);
    }

    private static String yes(boolean value) {
        return value ? "yes" : "no";
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
    }

    /** Rates as operators write them. */
    private static final class FleetReportRate {
        static String of(double rate) {
            return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
        }
    }
}
