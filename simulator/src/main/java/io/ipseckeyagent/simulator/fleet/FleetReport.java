package io.ipseckeyagent.simulator.fleet;

import io.ipseckeyagent.domain.time.GoDuration;
import io.ipseckeyagent.simulator.format.Json;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The simulation's results as one JSON object, or as a table for people. */
public final class FleetReport {
    private FleetReport() {}

    public static String json(FleetModel model, List<ScenarioResult> results) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model", model(model));
        report.put("scenarios", results.map(result -> scenario(results, result)).toJavaList());
        return Json.render(report);
    }

    public static String text(FleetModel model, List<ScenarioResult> results) {
        StringBuilder out = new StringBuilder();
        ApiServerModel api = model.api();
        out.append(String.format(Locale.ROOT, "One key rotation of %,d nodes (seed %d). The Secret changes at 0s; each node"
                        + " sees it within %s.%nAgents: rotation window %s, fixed jitter max %s, poll %s, publish budget %s,"
                        + " auto target %s writes/s, Secret propagation budget %s."
                        + "%nAPI server: %,d writes/s, 429 (Retry-After %s) beyond %,d queued writes, %s latency;"
                        + " every write is a watch event for the %,d other agents.%n%n",
                model.nodes(), model.seed(), GoDuration.format(model.detectionSkew()),
                GoDuration.format(model.rotationDuration()), GoDuration.format(model.jitterMax()),
                GoDuration.format(model.pollInterval()), GoDuration.format(model.publishBudget()),
                rate(model.targetRate()), GoDuration.format(model.secretPropagation()), api.writesPerSecond(),
                GoDuration.format(api.retryAfter()), api.queueLimit(), GoDuration.format(api.latency()), model.nodes() - 1));
        String row = "%-10s %10s %13s %20s %15s %21s %9s %14s %14s %12s %16s %8s%n";
        out.append(String.format(Locale.ROOT, row, "scenario", "jitter max", "peak writes/s", "writes/s p50/p99/max",
                "peak requests/s", "peak watch events/s", "429s", "all published", "max detect->", "first->last",
                "adopted p50/p99", "overdue"));
        out.append(String.format(Locale.ROOT, row, "", "", "", "", "", "", "", "after", "publish", "adoption", "after", ""));
        for (ScenarioResult ran : results) {
            out.append(String.format(Locale.ROOT, row, ran.scenario().label(), GoDuration.format(ran.jitterMax()),
                    count(ran.writes().peak()),
                    ran.writes().p50() + "/" + ran.writes().p99() + "/" + ran.writes().max(),
                    count(ran.requests().peak()), count(ran.peakWatchEventsPerSecond()), count(ran.tooManyRequests()),
                    ran.allPublishedAfter().map(FleetReport::seconds).getOrElse("never"),
                    seconds(ran.longestDetectionToPublish()),
                    ran.adoptionSpread().map(FleetReport::seconds).getOrElse("never") + (ran.spreadInsideWindow() ? "" : "!"),
                    seconds(ran.adoptionP50()) + "/" + seconds(ran.adoptionP99()),
                    count(ran.adoptionsOverdue())));
        }
        results.forEach(ran -> ran.shortfall().forEach(why -> out.append("\nWarning (").append(ran.scenario().label())
                .append("): ").append(why).append('.')));
        if (results.exists(ran -> ran.shortfall().isDefined())) {
            out.append('\n');
        }
        List<String> requests = reductions(results, ScenarioResult::requests);
        if (!requests.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%nHow many times lower than without jitter: peak requests/s (what the"
                    + " fleet asks of the API server) %s;%npeak writes/s (what it commits, never above its %,d/s) %s.%n",
                    requests.mkString(", "), api.writesPerSecond(), reductions(results, ScenarioResult::writes).mkString(", ")));
        }
        return out.toString();
    }

    private static Map<String, Object> model(FleetModel model) {
        Map<String, Object> agents = new LinkedHashMap<>();
        agents.put("rotationDuration", GoDuration.format(model.rotationDuration()));
        agents.put("jitterMax", GoDuration.format(model.jitterMax()));
        agents.put("pollInterval", GoDuration.format(model.pollInterval()));
        agents.put("publishBudget", GoDuration.format(model.publishBudget()));
        agents.put("targetRate", model.targetRate());
        agents.put("secretPropagation", GoDuration.format(model.secretPropagation()));
        Map<String, Object> api = new LinkedHashMap<>();
        api.put("writesPerSecond", model.api().writesPerSecond());
        api.put("queueLimit", model.api().queueLimit());
        api.put("latency", GoDuration.format(model.api().latency()));
        api.put("retryAfter", GoDuration.format(model.api().retryAfter()));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("nodes", model.nodes());
        json.put("seed", model.seed());
        json.put("detectionSkew", GoDuration.format(model.detectionSkew()));
        json.put("agents", agents);
        json.put("apiServer", api);
        json.put("sampledObservers", model.sampledObservers());
        return json;
    }

    private static Map<String, Object> scenario(List<ScenarioResult> results, ScenarioResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scenario", result.scenario().label());
        ScenarioResult ran = result; // the row's figures
        json.put("jitterMax", GoDuration.format(ran.jitterMax()));
        json.put("peakWritesPerSecond", ran.writes().peak());
        json.put("writesPerSecond", percentiles(ran.writes()));
        json.put("writes", ran.writes().total());
        json.put("peakRequestsPerSecond", ran.requests().peak());
        json.put("requests", ran.requests().total());
        json.put("peakWritesReduction", rounded(peakReduction(results, result, ScenarioResult::writes)));
        json.put("peakRequestsReduction", rounded(peakReduction(results, result, ScenarioResult::requests)));
        json.put("tooManyRequests", ran.tooManyRequests());
        json.put("serverErrors", ran.serverErrors());
        json.put("failedAttempts", ran.failedAttempts());
        json.put("peakWatchEventsPerSecond", ran.peakWatchEventsPerSecond());
        json.put("watchEvents", ran.watchEvents());
        Map<String, Object> sampled = new LinkedHashMap<>();
        sampled.put("agents", ran.nodeUpdated().agents());
        sampled.put("fewest", ran.nodeUpdated().fewest());
        sampled.put("most", ran.nodeUpdated().most());
        json.put("nodeUpdatedPerSampledAgent", sampled);
        json.put("publishedNodes", ran.publishedNodes());
        json.put("allPublishedAfterSeconds", ran.allPublishedAfter().map(FleetReport::secondsValue).getOrNull());
        json.put("maxDetectionToPublishSeconds", secondsValue(ran.longestDetectionToPublish()));
        json.put("adoptionsOverdue", ran.adoptionsOverdue());
        json.put("adoptionP50Seconds", secondsValue(ran.adoptionP50()));
        json.put("adoptionP99Seconds", secondsValue(ran.adoptionP99()));
        json.put("adoptionSpreadSeconds", ran.adoptionSpread().map(FleetReport::secondsValue).getOrNull());
        json.put("spreadInsideWindow", ran.spreadInsideWindow());
        json.put("shortfall", ran.shortfall().getOrNull());
        json.put("everyNodeInTime", ran.everyNodeInTime());
        json.put("series", ran.series().json());
        return json;
    }

    private static List<String> reductions(List<ScenarioResult> results, Function<ScenarioResult, Rate> rate) {
        return results.flatMap(result -> peakReduction(results, result, rate)
                .map(ratio -> String.format(Locale.ROOT, "%s %.1fx", result.scenario().label(), ratio)));
    }

    /** How many times lower a jittered scenario's peak is than the peak without jitter, if both ran. */
    private static Option<Double> peakReduction(List<ScenarioResult> results, ScenarioResult result,
            Function<ScenarioResult, Rate> rate) {
        Option<Integer> withoutJitter = results.find(r -> r.scenario().equals(Scenario.DISABLED))
                .map(r -> rate.apply(r).peak());
        return !result.scenario().equals(Scenario.DISABLED) && rate.apply(result).peak() > 0
                ? withoutJitter.map(peak -> (double) peak / rate.apply(result).peak())
                : Option.none();
    }

    private static Double rounded(Option<Double> ratio) {
        return ratio.map(value -> Math.round(value * 10) / 10.0).getOrNull();
    }

    private static Map<String, Object> percentiles(Rate rate) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("p50", rate.p50());
        json.put("p99", rate.p99());
        json.put("max", rate.max());
        return json;
    }

    private static double secondsValue(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2fs", duration.toMillis() / 1000.0);
    }

    static String rate(double writesPerSecond) {
        return writesPerSecond == Math.rint(writesPerSecond) ? Long.toString((long) writesPerSecond)
                : String.format(Locale.ROOT, "%.1f", writesPerSecond);
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
