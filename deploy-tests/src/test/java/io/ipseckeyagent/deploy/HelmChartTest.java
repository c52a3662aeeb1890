package io.ipseckeyagent.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.ipseckeyagent.bootstrap.config.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The Helm chart, linted and rendered by real Helm (helm-java's native library), against the agent's
 * own CLI and the kustomize base. Helm calls cost about a second each: every render is made once.
 */
class HelmChartTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).resolve("..").normalize();
    private static final Path CHART = ROOT.resolve("deploy/helm/ipsec-key-agent");
    private static final String RELEASE = "ipsec-key-agent";


    /** Where the chart (and the kustomize base) differ from the agent's defaults on purpose. */
    private static final Map<String, String> DELIBERATE_DEFAULTS = Map.of("log-format", "json");

    private static LintResult lint;
    private static List<Map<String, Object>> defaults;
    private static List<Map<String, Object>> relay;
    private static Map<String, String> cliDefaults;

    /** The renders are also written to target/ (chart-default.yaml, chart-relay.yaml) for a look. */
    @BeforeAll
    static void renderOnce() throws IOException {
        lint = new Helm(CHART).lint().strict().call();
        defaults = documents(written("chart-default.yaml", template().call()));
        relay = documents(written("chart-relay.yaml", template()
                .set("mode", "relay")
                .set("relay.hostPath", "/var/lib/ipsec-relay")
                .set("encryption.ipsec.jitterMaxDuration", "1m")
                .set("encryption.ipsec.jitterPolicy", "node-hash")
                .set("encryption.ipsec.keyRotationDuration", "10m")
                .set("encryption.ipsec.mountPath", "/etc/cilium-ipsec")
                .set("image.digest", "sha256:" + "a".repeat(64))
                .set("ciliumConfig.enabled", "false")
                .set("prometheus.port", "9970")
                .set("prometheus.serviceMonitor.enabled", "true")
                .set("k8sServiceHost", "api.example.internal")
                .call()));
        cliDefaults = runCommandDefaults();
    }

    @Test
    void helmLintsTheChartWithoutAWarning() {
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages()).noneMatch(message -> message.contains("[WARNING]") || message.contains("[ERROR]"));
    }

    @Test
    void theSchemaRejectsAnUnknownModeAndAMisspeltValue() {
        assertThatThrownBy(() -> template().set("mode", "replace").call()).hasMessageContaining("mode");
        assertThatThrownBy(() -> template().set("encryption.ipsec.jitterMaxDuraton", "1m").call())
                .hasMessageContaining("jitterMaxDuraton");
    }

    @Test
    void everyFlagTheChartPassesExistsInTheCli() {
        for (List<Map<String, Object>> rendered : List.of(defaults, relay)) {
            for (String flag : flagsPassed(rendered)) {
                assertThat(cliDefaults.containsKey(flag))
                        .as("--%s is passed by the chart but `run` has no such option (run has %s)", flag, cliDefaults.keySet())
                        .isTrue();
            }
        }
        assertThat(flagsPassed(defaults)).as("publish mode passes no relay flag").doesNotContain("mode", "relay-key-file");
    }

    @Test
    void theChartsDefaultsAreTheAgentsDefaults() {
        Map<String, String> config = configFile(defaults);

        assertThat(config).containsAllEntriesOf(DELIBERATE_DEFAULTS);
        config.forEach((flag, value) -> {
            if (!DELIBERATE_DEFAULTS.containsKey(flag)) {
                assertThat(value).as("--%s", flag).isEqualTo(cliDefaults.get(flag));
            }
        });
        assertThat(config).containsKeys("ipsec-key-file", "ipsec-key-rotation-duration", "enable-ipsec-jitter",
                "ipsec-jitter-policy", "state-file", "prometheus-serve-addr", "cluster-name");
    }

    @Test
    void publishModeKeepsTheStateDirectoryOnTheHostAndTakesCiliumsSettingsFromCiliumConfig() {
        Map<String, Object> pod = podSpec(defaults);
        Map<String, Object> agent = container(pod, "containers", "agent");

        assertThat(strings(agent.get("args"))).containsExactly("--config=/etc/ipsec-key-agent/agent.yaml");
        assertThat(hostPath(pod)).containsEntry("path", "/var/run/ipsec-key-agent").containsEntry("type", "DirectoryOrCreate");
        assertThat(mountPath(agent, "host-dir")).isEqualTo("/var/run/ipsec-key-agent");
        assertThat(configFile(defaults)).containsEntry("state-file", "/var/run/ipsec-key-agent/state.json");
        assertThat(ciliumConfigKeys(agent)).containsExactly(
                "IPSEC_KEY_AGENT_CLUSTER_NAME=cilium-config/cluster-name",
                "IPSEC_KEY_AGENT_IPSEC_KEY_ROTATION_DURATION=cilium-config/ipsec-key-rotation-duration");
        assertThat(map(agent.get("startupProbe"))).containsKey("tcpSocket");
        assertThat(kinds(defaults)).doesNotContain("ServiceMonitor", "Service");
        assertThat(podAnnotations(defaults)).containsEntry("prometheus.io/scrape", "true");
    }

    @Test
    void relayModeWritesTheRelayedKeyFileOnTheHostWithTheNonDefaultValues() {
        Map<String, Object> pod = podSpec(relay);
        Map<String, Object> agent = container(pod, "containers", "agent");

        assertThat(strings(agent.get("args"))).containsExactly("--config=/etc/ipsec-key-agent/agent.yaml",
                "--mode=relay", "--relay-key-file=/var/lib/ipsec-relay/keys");
        assertThat(hostPath(pod)).containsEntry("path", "/var/lib/ipsec-relay").containsEntry("type", "DirectoryOrCreate");
        assertThat(mountPath(agent, "host-dir")).isEqualTo("/var/lib/ipsec-relay");
        assertThat(mountPath(container(pod, "initContainers", "host-dir"), "host-dir")).isEqualTo("/host-dir");
        assertThat(configFile(relay)).doesNotContainKey("state-file")
                .containsEntry("ipsec-key-file", "/etc/cilium-ipsec/keys")
                .containsEntry("ipsec-key-rotation-duration", "10m")
                .containsEntry("ipsec-jitter-max-duration", "1m")
                .containsEntry("ipsec-jitter-policy", "node-hash")
                .containsEntry("prometheus-serve-addr", ":9970");
        assertThat(ciliumConfigKeys(agent)).isEmpty();
        assertThat(String.valueOf(agent.get("image"))).isEqualTo("ipsec-key-agent@sha256:" + "a".repeat(64));
        assertThat(strings(list(agent.get("env")).stream().map(env -> map(env).get("name")).toList())).contains("KUBERNETES_SERVICE_HOST");
        assertThat(kinds(relay)).contains("ServiceMonitor", "Service");
        assertThat(podAnnotations(relay)).doesNotContainKey("prometheus.io/scrape");
    }

    /** deploy/*.yaml (kustomize) is the chart's default render, less Helm's labels and its checksum annotation. */
    @Test
    void theKustomizeBaseIsTheChartsDefaultRender() throws IOException {
        Map<String, Object> kustomizeDaemonSet = map(load(ROOT.resolve("deploy/daemonset.yaml")).getFirst());
        Map<String, Object> chartDaemonSet = only(defaults, "DaemonSet");

        assertThat(comparable(kustomizeDaemonSet)).isEqualTo(comparable(chartDaemonSet));
        assertThat(flatConfig(load(ROOT.resolve("deploy/agent.yaml")).getFirst())).isEqualTo(configFile(defaults));
        assertThat(map(load(ROOT.resolve("deploy/rbac.yaml")).getFirst()).get("rules")).isEqualTo(only(defaults, "ClusterRole").get("rules"));
    }

    /** The chart README's values table names every value of values.yaml. */
    @Test
    void theReadmeDescribesEveryValue() throws IOException {
        String readme = Files.readString(CHART.resolve("README.md"));
        for (String key : leafKeys("", map(load(CHART.resolve("values.yaml")).getFirst()))) {
            // a row for the value, or for the map it belongs to (resources, podSecurityContext, ...)
            List<String> rows = new ArrayList<>();
            for (String prefix = key; !prefix.isEmpty(); prefix = prefix.contains(".") ? prefix.substring(0, prefix.lastIndexOf('.')) : "") {
                rows.add("| `" + prefix + "` |");
            }
            assertThat(rows).as("README.md's values table has a row for %s", key).anyMatch(readme::contains);
        }
    }

    // ---- rendering and reading

    private static com.marcnuri.helm.TemplateCommand template() {
        return new Helm(CHART).template().withName(RELEASE).withNamespace("kube-system");
    }

    private static String written(String name, String yaml) throws IOException {
        Path target = Path.of(System.getProperty("basedir", ".")).resolve("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve(name), yaml);
        return yaml;
    }

    private static List<Map<String, Object>> documents(String yaml) {
        List<Map<String, Object>> out = new ArrayList<>();
        new Load(LoadSettings.builder().build()).loadAllFromString(yaml).forEach(doc -> {
            if (doc != null) {
                out.add(map(doc));
            }
        });
        return out;
    }

    private static List<Object> load(Path file) throws IOException {
        List<Object> out = new ArrayList<>();
        new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(file)).forEach(out::add);
        return out;
    }

    private static Map<String, Object> only(List<Map<String, Object>> rendered, String kind) {
        List<Map<String, Object>> found = rendered.stream().filter(doc -> kind.equals(doc.get("kind"))).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.getFirst();
    }

    private static List<String> kinds(List<Map<String, Object>> rendered) {
        return rendered.stream().map(doc -> String.valueOf(doc.get("kind"))).toList();
    }

    private static Map<String, Object> podSpec(List<Map<String, Object>> rendered) {
        return map(map(map(only(rendered, "DaemonSet").get("spec")).get("template")).get("spec"));
    }

    private static Map<String, Object> podAnnotations(List<Map<String, Object>> rendered) {
        return map(map(map(map(only(rendered, "DaemonSet").get("spec")).get("template")).get("metadata")).get("annotations"));
    }

    private static Map<String, Object> container(Map<String, Object> pod, String list, String name) {
        return list(pod.get(list)).stream().map(HelmChartTest::map).filter(c -> name.equals(c.get("name"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> hostPath(Map<String, Object> pod) {
        return list(pod.get("volumes")).stream().map(HelmChartTest::map).filter(v -> "host-dir".equals(v.get("name")))
                .map(v -> map(v.get("hostPath"))).findFirst().orElseThrow();
    }

    private static String mountPath(Map<String, Object> container, String volume) {
        return list(container.get("volumeMounts")).stream().map(HelmChartTest::map).filter(m -> volume.equals(m.get("name")))
                .map(m -> String.valueOf(m.get("mountPath"))).findFirst().orElseThrow();
    }

    private static List<String> ciliumConfigKeys(Map<String, Object> container) {
        List<String> out = new ArrayList<>();
        for (Object item : list(container.get("env"))) {
            Map<String, Object> env = map(item);
            if (env.get("valueFrom") instanceof Map<?, ?> from && from.get("configMapKeyRef") instanceof Map<?, ?> ref) {
                assertThat(ref.get("optional")).as("a cluster without Cilium's ConfigMap still starts the agent").isEqualTo(true);
                out.add(env.get("name") + "=" + ref.get("name") + "/" + ref.get("key"));
            }
        }
        return out;
    }

    /** The run options the chart sets: the config file's keys and the agent container's --flags. */
    private static Set<String> flagsPassed(List<Map<String, Object>> rendered) {
        Set<String> flags = new TreeSet<>(configFile(rendered).keySet());
        for (String arg : strings(container(podSpec(rendered), "containers", "agent").get("args"))) {
            assertThat(arg).startsWith("--");
            flags.add(arg.substring(2).split("=", 2)[0]);
        }
        return flags;
    }

    private static Map<String, String> configFile(List<Map<String, Object>> rendered) {
        Map<String, Object> data = map(only(rendered, "ConfigMap").get("data"));
        return flatConfig(new Load(LoadSettings.builder().build()).loadFromString(String.valueOf(data.get("agent.yaml"))));
    }

    private static Map<String, String> flatConfig(Object yaml) {
        Map<String, String> out = new TreeMap<>();
        map(yaml).forEach((key, value) -> out.put(key, String.valueOf(value)));
        return out;
    }

    /** The DaemonSet without what only one of the two tools adds: labels, namespace, image tag, config checksum. */
    private static Map<String, Object> comparable(Map<String, Object> daemonSet) {
        Map<String, Object> spec = new LinkedHashMap<>(map(daemonSet.get("spec")));
        spec.remove("selector");
        Map<String, Object> template = new LinkedHashMap<>(map(spec.get("template")));
        Map<String, Object> annotations = new TreeMap<>(map(map(template.get("metadata")).get("annotations")));
        annotations.remove("checksum/config");
        template.put("metadata", annotations);
        Map<String, Object> pod = new LinkedHashMap<>(map(template.get("spec")));
        for (String list : List.of("initContainers", "containers")) {
            pod.put(list, list(pod.get(list)).stream().map(c -> {
                Map<String, Object> container = new LinkedHashMap<>(map(c));
                container.remove("image");
                return container;
            }).toList());
        }
        template.put("spec", pod);
        spec.put("template", template);
        return spec;
    }

    private static List<String> leafKeys(String prefix, Map<String, Object> values) {
        List<String> out = new ArrayList<>();
        values.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
                out.addAll(leafKeys(prefix + key + ".", map(nested)));
            } else {
                out.add(prefix + key);
            }
        });
        return out;
    }

    // ---- the agent's CLI


    /** Every option of {@code run} and its default as the one option table writes it (else as {@code --help} describes it). */
    private static Map<String, String> runCommandDefaults() {
        Map<String, String> out = new TreeMap<>();
        RunOptions.ALL.forEach(option -> out.put(option.flag().substring(2), option.defaultValue().getOrElse(option::defaultDescription)));
        return out;
    }

    // ---- untyped YAML

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    private static List<String> strings(Object value) {
        return list(value).stream().map(String::valueOf).collect(Collectors.toList());
    }
}
