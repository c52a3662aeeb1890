package io.ipseckeyagent.bootstrap.config;

import static io.ipseckeyagent.bootstrap.config.OptionSpec.ValueKind.BOOLEAN;
import static io.ipseckeyagent.bootstrap.config.OptionSpec.ValueKind.DURATION;
import static io.ipseckeyagent.bootstrap.config.OptionSpec.ValueKind.TEXT;

import io.ipseckeyagent.adapters.fs.FileSystemAdapters;
import io.ipseckeyagent.adapters.k8s.KubernetesAdapters;
import io.ipseckeyagent.adapters.observability.ListenAddress;
import io.ipseckeyagent.adapters.observability.LogFormat;
import io.ipseckeyagent.adapters.observability.LogLevel;
import io.ipseckeyagent.domain.jitter.JitterMaximum;
import io.ipseckeyagent.domain.jitter.JitterPolicy;
import io.ipseckeyagent.domain.jitter.JitterSettings;
import io.ipseckeyagent.domain.key.ClusterName;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.rotation.RotationRules;
import io.ipseckeyagent.domain.time.GoDuration;
import io.ipseckeyagent.pluginhost.DidYouMean;
import io.ipseckeyagent.pluginhost.PluginCatalog;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * The one table of {@code run}'s options. Flags, environment variables, config-file keys,
 * validation and {@code run --help} are all derived from it.
 */
public final class RunOptions {
    public static final OptionSpec<NodeName> NODE_NAME = OptionSpec.of("node-name", "NAME", TEXT, NodeName::parse,
                    "This node's name, as in its CiliumNode (required).")
            .withFallbackEnvironment("NODE_NAME")
            .withDefaultDescribed("none; required");

    public static final OptionSpec<String> CLUSTER_NAME = OptionSpec.of("cluster-name", "NAME", TEXT, ClusterName::parse,
                    "The cluster's name, reported in events and logs.")
            .withDefault("default");

    public static final OptionSpec<Path> IPSEC_KEY_FILE = path("ipsec-key-file", "PATH",
            "The IPsec key file, in Cilium's format (the last line is the active key).").withDefault("/etc/ipsec/keys").formerlyKnownAs("keyFile");

    public static final OptionSpec<Duration> IPSEC_KEY_ROTATION_DURATION = duration("ipsec-key-rotation-duration", ValueParsers::positiveDuration, "5m",
            "The rotation window: a new key is published within it, and the previous key is removed after it.").formerlyKnownAs("keyRotationDuration");

    public static final OptionSpec<Boolean> ENABLE_IPSEC_JITTER = bool("enable-ipsec-jitter", "true",
            "Wait a per-node delay between seeing a new key and loading and publishing it; false acts at once,"
                    + " as Cilium releases before cilium/cilium#44263 do (Cilium main waits up to a tenth of the window itself).")
            .formerlyKnownAs("enableJitter");

    public static final OptionSpec<JitterMaximum> IPSEC_JITTER_MAX_DURATION = OptionSpec.of("ipsec-jitter-max-duration", "auto|DURATION",
                    DURATION, JitterMaximum::parse,
                    "Upper bound of the jitter. auto: known CiliumNodes / ipsec-jitter-target-rate; a duration: fixed; 0: off."
                            + " Capped, with a warning, at the rotation duration minus the poll interval, a "
                            + GoDuration.format(JitterSettings.DEFAULT_PUBLISH_BUDGET) + " publish budget and the Secret propagation budget.")
            .withDefault("auto")
            .formerlyKnownAs("jitterMaxDuration");

    public static final OptionSpec<Double> IPSEC_JITTER_TARGET_RATE = OptionSpec.of("ipsec-jitter-target-rate", "WRITES_PER_SECOND", DURATION,
                    ValueParsers::positiveRate, "For auto: CiliumNode writes per second the whole fleet may put on the API server during a rotation.")
            .withDefault("20").formerlyKnownAs("jitterTargetRate");

    public static final OptionSpec<Duration> SECRET_PROPAGATION_BUDGET = duration("secret-propagation-budget", ValueParsers::nonNegativeDuration, "1m",
            "How much later kubelet may project the Secret into one node's pod than another's (its sync period, 1m by default); the cap reserves it.");

    public static final OptionSpec<JitterPolicy> IPSEC_JITTER_POLICY = choice("ipsec-jitter-policy", "POLICY", JitterPolicy.ALL, JitterPolicy::name,
            "How the delay is chosen, one of: " + JitterPolicy.NAMES.mkString(", ") + ".").withDefault("uniform").formerlyKnownAs("jitterPolicy");

    public static final OptionSpec<Duration> KEY_FILE_POLL_INTERVAL = duration("key-file-poll-interval", ValueParsers::positiveDuration, "5s",
            "How often the key file's content is checked, a safety net for missed file events.");

    public static final OptionSpec<Path> KUBECONFIG = path("kubeconfig", "PATH", "A kubeconfig file for API server access.")
            .withDefaultDescribed("fabric8's auto-configuration (KUBECONFIG, ~/.kube/config or the pod's service account)");

    public static final OptionSpec<Path> STATE_FILE = path("state-file", "PATH", "Where the applied keys are remembered across restarts.")
            .withDefault("/var/run/ipsec-key-agent/state.json");

    public static final OptionSpec<Option<ListenAddress>> PROMETHEUS_SERVE_ADDR = OptionSpec.of("prometheus-serve-addr", "ADDRESS",
                    TEXT, ValueParsers::optionalListenAddress,
                    "Serve /metrics and /healthz on this address (like :9966 or [::1]:9966); empty disables.")
            .withDefault(":9966")
            .allowingEmpty();

    public static final OptionSpec<LogFormat> LOG_FORMAT = choice("log-format", "FORMAT", LogFormat.values(),
            "Log lines as text or json.").withDefault("text");

    public static final OptionSpec<LogLevel> LOG_LEVEL = choice("log-level", "LEVEL", LogLevel.values(),
            "The least severe level logged: debug, info, warn or error.").withDefault("info");

    public static final OptionSpec<Path> CONFIG = path("config", "FILE",
            "A YAML file of option values, keyed by flag name without dashes (ipsec-key-rotation-duration: 5m).").notInConfigFile();

    public static final OptionSpec<Path> PLUGIN_DIR = path("plugin-dir", "DIR", "A directory of extra adapter jars, loaded before adapters are chosen.");

    public static final OptionSpec<String> KEY_SOURCE = adapter("key-source", "reads the key file", "file");

    public static final OptionSpec<String> PUBLISHER = adapter("publisher", "publishes this node's SPI", "cilium-node");

    public static final OptionSpec<String> DATAPATH = adapter("datapath", "applies keys locally", "state-file");

    public static final OptionSpec<Boolean> CREATE_CILIUM_NODE = bool("create-cilium-node", "false",
            "Create this node's CiliumNode when it does not exist (normally Cilium creates it).");

    public static final OptionSpec<AgentMode> MODE = choice("mode", "MODE", AgentMode.values(),
            "publish: write this node's SPI to its CiliumNode; relay: hand the keys to cilium-agent in --relay-key-file.").withDefault("publish");

    public static final OptionSpec<Path> RELAY_KEY_FILE = path("relay-key-file", "PATH",
            "Relay mode: the key file cilium-agent reads, written atomically as canonical key-file text.")
            .withDefault(FileSystemAdapters.DEFAULT_RELAY_KEY_FILE.toString());

    public static final OptionSpec<Duration> IPSEC_KEY_SETTLE_INTERVAL = duration("ipsec-key-settle-interval", ValueParsers::nonNegativeDuration,
            GoDuration.format(RotationRules.DEFAULT_SETTLE), "How long the key file must be quiet before it is loaded, so that a burst of"
                    + " Secret updates is one load and one publish of the final content; 0 loads at once.");

    public static final OptionSpec<Duration> CLUSTER_VIEW_STALE_AFTER = duration("cluster-view-stale-after", ValueParsers::positiveDuration,
            GoDuration.format(KubernetesAdapters.ViewReporting.DEFAULT_STALE_AFTER),
            "Publish mode: /healthz reports the CiliumNode view stale after this long without a successful list or watch.");

    public static final OptionSpec<Boolean> RELAY_CILIUM_JITTER = bool("relay-cilium-jitter", "true",
            "Relay mode: the cilium-agent next to this agent waits its own jitter (up to the rotation duration / 10,"
                    + " Cilium releases since 2026) after the file changes; the cap reserves it. false for older releases.");

    public static final OptionSpec<Duration> RELAY_CILIUM_POLL_INTERVAL = duration("relay-cilium-poll-interval", ValueParsers::nonNegativeDuration,
            GoDuration.format(JitterSettings.DEFAULT_CILIUM_POLL_INTERVAL),
            "Relay mode: how often cilium-agent checks the relayed file; the cap reserves it.");

    /** Every option, in the order {@code --help} lists them. */
    public static final List<OptionSpec<?>> ALL = List.of(
            NODE_NAME, CLUSTER_NAME, IPSEC_KEY_FILE, IPSEC_KEY_ROTATION_DURATION, ENABLE_IPSEC_JITTER,
            IPSEC_JITTER_MAX_DURATION, IPSEC_JITTER_TARGET_RATE, SECRET_PROPAGATION_BUDGET, IPSEC_JITTER_POLICY, IPSEC_KEY_SETTLE_INTERVAL,
            KEY_FILE_POLL_INTERVAL, KUBECONFIG, STATE_FILE, CLUSTER_VIEW_STALE_AFTER,
            PROMETHEUS_SERVE_ADDR, LOG_FORMAT, LOG_LEVEL, CONFIG, PLUGIN_DIR, KEY_SOURCE, PUBLISHER, DATAPATH,
            CREATE_CILIUM_NODE, MODE, RELAY_KEY_FILE, RELAY_CILIUM_JITTER, RELAY_CILIUM_POLL_INTERVAL);

    private RunOptions() {}

    private static OptionSpec<Duration> duration(String name, Function<String, Either<String, Duration>> parser, String defaultValue,
            String help) {
        return OptionSpec.of(name, "DURATION", DURATION, parser, help).withDefault(defaultValue);
    }

    private static OptionSpec<Boolean> bool(String name, String defaultValue, String help) {
        return OptionSpec.of(name, "BOOL", BOOLEAN, ValueParsers::bool, help).withDefault(defaultValue);
    }

    private static OptionSpec<Path> path(String name, String valueLabel, String help) {
        return OptionSpec.of(name, valueLabel, TEXT, ValueParsers::path, help);
    }

    private static <E> OptionSpec<E> choice(String name, String valueLabel, List<E> choices, Function<? super E, String> word, String help) {
        return OptionSpec.of(name, valueLabel, TEXT, ValueParsers.choice(choices, word), help);
    }

    /** One of an enum's constants, written in lower case ({@code --mode=relay}). */
    private static <E extends Enum<E>> OptionSpec<E> choice(String name, String valueLabel, E[] constants, String help) {
        return choice(name, valueLabel, List.of(constants), constant -> constant.name().toLowerCase(Locale.ROOT), help);
    }

    /** A role filled by a plugin, chosen by name. */
    private static OptionSpec<String> adapter(String name, String role, String defaultName) {
        return OptionSpec.of(name, "NAME", TEXT, PluginCatalog::parseName, "The adapter that " + role + ", by name.").withDefault(defaultName);
    }

    /** The option with this name (the flag without dashes). */
    public static Option<OptionSpec<?>> named(String name) {
        return ALL.find(spec -> spec.name().equals(name));
    }

    /** The closest option name to a mistyped one, considering Helm spellings too. */
    static Option<OptionSpec<?>> closestTo(String typed, List<OptionSpec<?>> among) {
        var spellings = among.flatMap(spec -> spec.formerNames().prepend(spec.name()).map(spelling -> new Spelling(spelling, spec)));
        return DidYouMean.closest(typed, spellings.map(Spelling::text))
                .flatMap(text -> spellings.find(spelling -> spelling.text().equals(text)))
                .map(Spelling::spec);
    }

    private record Spelling(String text, OptionSpec<?> spec) {}
}
