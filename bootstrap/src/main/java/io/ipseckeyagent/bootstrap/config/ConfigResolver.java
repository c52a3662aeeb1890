package io.ipseckeyagent.bootstrap.config;

import static io.ipseckeyagent.bootstrap.config.RunOptions.CONFIG;
import static io.ipseckeyagent.bootstrap.config.RunOptions.ENABLE_IPSEC_JITTER;
import static io.ipseckeyagent.bootstrap.config.RunOptions.IPSEC_JITTER_MAX_DURATION;
import static io.ipseckeyagent.bootstrap.config.RunOptions.IPSEC_JITTER_POLICY;
import static io.ipseckeyagent.bootstrap.config.RunOptions.IPSEC_JITTER_TARGET_RATE;
import static io.ipseckeyagent.bootstrap.config.RunOptions.IPSEC_KEY_ROTATION_DURATION;
import static io.ipseckeyagent.bootstrap.config.RunOptions.KEY_FILE_POLL_INTERVAL;
import static io.ipseckeyagent.bootstrap.config.RunOptions.NODE_NAME;
import static io.ipseckeyagent.bootstrap.config.RunOptions.SECRET_PROPAGATION_BUDGET;
import static io.vavr.API.For;

import io.ipseckeyagent.adapters.k8s.KubernetesAdapters;
import io.ipseckeyagent.application.service.AgentSettings;
import io.ipseckeyagent.domain.jitter.EffectiveJitter;
import io.ipseckeyagent.domain.jitter.JitterPolicy;
import io.ipseckeyagent.domain.jitter.JitterSettings;
import io.ipseckeyagent.domain.jitter.RetryBackoff;
import io.ipseckeyagent.domain.rotation.StartMode;
import io.ipseckeyagent.plugin.PluginSettings;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;

/**
 * Merges flags, environment, config file and defaults (in that precedence), parses every value
 * with its option's parser, then checks the rules that span options. Nothing stops at the first
 * problem: the operator sees them all.
 */
final class ConfigResolver {
    private ConfigResolver() {}

    static ConfigResolution resolve(List<String> args, java.util.Map<String, String> environment, ConfigFileReader files,
            boolean checkKubeconfig) {
        SourceValues flags = CommandLineFlags.read(args);
        SourceValues variables = EnvironmentVariables.read(environment);
        SourceValues file = configFile(flags.get(CONFIG).orElse(variables.get(CONFIG)), files);
        List<SourceValues> byPrecedence = List.of(flags, variables, file);

        Parsed parsed = RunOptions.ALL.foldLeft(Parsed.NONE, (soFar, spec) -> soFar.parse(spec, chosen(spec, byPrecedence)));
        Jitter jitter = jitter(parsed);

        List<ConfigProblem> problems = byPrecedence.flatMap(SourceValues::problems)
                .appendAll(parsed.problems())
                .appendAll(requireNodeName(byPrecedence))
                .appendAll(jitter.problems())
                .appendAll(rankNeedsPublishMode(parsed))
                .appendAll(checkKubeconfig ? checkKubeconfig(parsed, files) : List.empty());
        List<ConfigProblem> warnings = byPrecedence.flatMap(SourceValues::warnings).appendAll(jitter.warnings());
        return new ConfigResolution(
                jitter.effective().filter(effective -> problems.isEmpty()).map(effective -> configuration(parsed, effective))
                        .toValidation(problems),
                warnings);
    }

    /** The one option without a default; an invalid one is already reported by its parser. */
    private static List<ConfigProblem> requireNodeName(List<SourceValues> sources) {
        return sources.forAll(source -> source.get(NODE_NAME).isEmpty())
                ? List.of(new ConfigProblem(NODE_NAME.flag(), "required: set " + NODE_NAME.flag() + ", "
                        + NODE_NAME.environmentVariables().mkString(" or ") + " (a DaemonSet takes it from spec.nodeName)"))
                : List.empty();
    }

    /** {@code rank} needs every node's name, which relay mode never watches (it only counts nodes). */
    private static List<ConfigProblem> rankNeedsPublishMode(Parsed parsed) {
        return parsed.value(RunOptions.MODE).contains(AgentMode.RELAY) && parsed.value(IPSEC_JITTER_POLICY).contains(JitterPolicy.rank())
                ? List.of(parsed.where(IPSEC_JITTER_POLICY).problem("rank needs a watch of every CiliumNode, which " + RunOptions.MODE.flag()
                        + "=relay does not keep; use " + JitterPolicy.NAMES.remove(JitterPolicy.rank().name()).mkString(", ") + ", or "
                        + RunOptions.MODE.flag() + "=publish"))
                : List.empty();
    }

    /** The highest-precedence value written for the option, else its default. */
    private static Option<RawValue> chosen(OptionSpec<?> spec, List<SourceValues> byPrecedence) {
        return byPrecedence.flatMap(source -> source.get(spec)).headOption()
                .orElse(() -> spec.defaultValue().map(text -> new RawValue(text, new ValueSource.Default(spec.name()))));
    }

    /** The file named by {@code --config} (flag or environment only). A bad path is reported with the other values. */
    private static SourceValues configFile(Option<RawValue> configPath, ConfigFileReader files) {
        return configPath
                .flatMap(raw -> CONFIG.parse(raw.text()).toOption().map(path -> files.read(path).fold(
                        cannotRead -> SourceValues.NONE.withProblem(raw.source().problem(cannotRead)),
                        text -> YamlConfigFile.read(path, text))))
                .getOrElse(SourceValues.NONE);
    }

    /** The jitter as the domain resolves it (none while an input does not parse), its messages placed where each input was written. */
    private record Jitter(Option<EffectiveJitter> effective, List<ConfigProblem> problems, List<ConfigProblem> warnings) {}

    /** How the domain's jitter messages name the inputs here. */
    private static final JitterSettings.Terms FLAG_TERMS = new JitterSettings.Terms(
            IPSEC_KEY_ROTATION_DURATION.flag(), KEY_FILE_POLL_INTERVAL.flag(), "set " + ENABLE_IPSEC_JITTER.flag() + "=false");

    /** The domain's effective-jitter rule and wording, applied once; only where each message points is decided here. */
    private static Jitter jitter(Parsed parsed) {
        ValueSource maxSource = parsed.where(IPSEC_JITTER_MAX_DURATION);
        ValueSource windowSource = parsed.where(IPSEC_KEY_ROTATION_DURATION);
        List<ConfigProblem> ignoredMax = parsed.value(ENABLE_IPSEC_JITTER).contains(false)
                ? parsed.source(IPSEC_JITTER_MAX_DURATION).map(source -> source.problem("ignored because " + ENABLE_IPSEC_JITTER.flag()
                        + " is false")).toList()
                : List.empty();
        return For(jitterSettings(parsed), parsed.value(IPSEC_JITTER_POLICY))
                .yield((settings, policy) -> settings.forPolicy(policy).resolve(FLAG_TERMS).fold(
                        noRoom -> new Jitter(Option.none(), noRoom.map(windowSource::problem).toList(), ignoredMax),
                        effective -> new Jitter(Option.some(effective), List.empty(), ignoredMax
                                .appendAll(effective.capped().map(capped -> maxSource.problem(capped.message(FLAG_TERMS))))
                                .appendAll(effective.shortWindow().map(windowSource::problem)))))
                // Each input that did not parse is already reported; the rule needs all of them.
                .getOrElse(new Jitter(Option.none(), List.empty(), ignoredMax));
    }

    /**
     * The jitter settings the options describe, the one place they are built: relay mode reserves
     * what the cilium-agent next to it adds after the file changes (its poll, and its own jitter when
     * {@code --relay-cilium-jitter}); publish mode has nothing of Cilium's to reserve.
     */
    private static Option<JitterSettings> jitterSettings(Parsed parsed) {
        boolean relay = parsed.value(RunOptions.MODE).contains(AgentMode.RELAY);
        return For(parsed.value(ENABLE_IPSEC_JITTER), parsed.value(IPSEC_KEY_ROTATION_DURATION), parsed.value(IPSEC_JITTER_MAX_DURATION),
                        parsed.value(IPSEC_JITTER_TARGET_RATE), parsed.value(KEY_FILE_POLL_INTERVAL), parsed.value(SECRET_PROPAGATION_BUDGET),
                        parsed.value(RunOptions.RELAY_CILIUM_POLL_INTERVAL), parsed.value(RunOptions.RELAY_CILIUM_JITTER))
                .yield((enabled, window, max, rate, poll, propagation, ciliumPoll, ciliumJitter) -> {
                    JitterSettings direct = new JitterSettings(enabled, window, max, rate,
                            JitterSettings.direct(poll, JitterSettings.DEFAULT_PUBLISH_BUDGET)).withSecretPropagation(propagation);
                    return relay ? direct.relay(ciliumPoll, ciliumJitter) : direct;
                });
    }

    /** The core's settings, from values already checked. */
    private static AgentSettings core(Parsed parsed, EffectiveJitter jitter) {
        return AgentSettings.of(parsed.present(NODE_NAME), parsed.present(RunOptions.CLUSTER_NAME), jitter, parsed.present(IPSEC_JITTER_POLICY),
                        RetryBackoff.DEFAULT)
                .withSettle(parsed.present(RunOptions.IPSEC_KEY_SETTLE_INTERVAL))
                .withStartMode(parsed.present(RunOptions.MODE) == AgentMode.RELAY ? StartMode.RELAY : StartMode.PUBLISH);
    }

    /** A kubeconfig that cannot be read or used is reported with every other problem, not first at start. */
    private static List<ConfigProblem> checkKubeconfig(Parsed parsed, ConfigFileReader files) {
        return parsed.value(RunOptions.KUBECONFIG).flatMap(path -> files.read(path)
                        .flatMap(text -> KubernetesAdapters.checkKubeconfig(path, text).toEither())
                        .swap().toOption())
                .map(problem -> parsed.where(RunOptions.KUBECONFIG).problem(problem))
                .toList();
    }

    private static RunConfiguration configuration(Parsed parsed, EffectiveJitter jitter) {
        AgentSettings core = core(parsed, jitter);
        return new RunConfiguration(core,
                new PluginSettings(core.nodeName(), core.clusterName(), parsed.present(RunOptions.IPSEC_KEY_FILE),
                        parsed.present(KEY_FILE_POLL_INTERVAL), parsed.present(RunOptions.STATE_FILE), parsed.value(RunOptions.KUBECONFIG),
                        parsed.present(RunOptions.CREATE_CILIUM_NODE)),
                new RunConfiguration.PluginChoice(parsed.value(RunOptions.PLUGIN_DIR), parsed.present(RunOptions.KEY_SOURCE),
                        parsed.present(RunOptions.PUBLISHER), parsed.present(RunOptions.DATAPATH)),
                parsed.present(RunOptions.MODE), parsed.present(RunOptions.RELAY_KEY_FILE), parsed.present(RunOptions.CLUSTER_VIEW_STALE_AFTER),
                new RunConfiguration.Observability(parsed.present(RunOptions.PROMETHEUS_SERVE_ADDR), parsed.present(RunOptions.LOG_FORMAT),
                        parsed.present(RunOptions.LOG_LEVEL)),
                parsed.written());
    }

    /**
     * Typed values by option name, where each was written (defaults excluded; also when it did not
     * parse), and the parse problems.
     * Each value was produced by its own option's parser, which is what makes the casts safe.
     */
    private record Parsed(Map<String, Object> values, Map<String, ValueSource> sources, Map<String, String> written,
            List<ConfigProblem> problems) {
        static final Parsed NONE = new Parsed(LinkedHashMap.empty(), LinkedHashMap.empty(), LinkedHashMap.empty(), List.empty());

        Parsed parse(OptionSpec<?> spec, Option<RawValue> raw) {
            return raw.map(value -> {
                Map<String, ValueSource> sourcesNow =
                        value.source() instanceof ValueSource.Default ? sources : sources.put(spec.name(), value.source());
                return spec.parse(value.text()).fold(
                        message -> new Parsed(values, sourcesNow, written, problems.append(value.source().problem(message))),
                        typed -> new Parsed(values.put(spec.name(), typed), sourcesNow, written.put(spec.name(), spec.canonical(value.text())),
                                problems));
            }).getOrElse(this);
        }

        @SuppressWarnings("unchecked")
        <T> Option<T> value(OptionSpec<T> spec) {
            return values.get(spec.name()).map(value -> (T) value);
        }

        /** Where a value was written, if it was (not a default). */
        Option<ValueSource> source(OptionSpec<?> spec) {
            return sources.get(spec.name());
        }

        /** Where a value was written, else its default (named by its flag). */
        ValueSource where(OptionSpec<?> spec) {
            return source(spec).getOrElse(() -> new ValueSource.Default(spec.name()));
        }

        /** A value that has a default or was checked as required; its absence is a bug. */
        <T> T present(OptionSpec<T> spec) {
            return value(spec).getOrElseThrow(() -> new IllegalStateException("no value for " + spec.flag()));
        }
    }
}
