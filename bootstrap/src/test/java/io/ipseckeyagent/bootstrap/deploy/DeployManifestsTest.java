package io.ipseckeyagent.bootstrap.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.bootstrap.config.ConfigFileReader;
import io.ipseckeyagent.bootstrap.config.ConfigProblem;
import io.ipseckeyagent.bootstrap.config.ConfigResolution;
import io.ipseckeyagent.bootstrap.config.RunConfiguration;
import io.vavr.collection.List;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What deploy/ hands the agent is what the agent accepts: its config file, its flags and variables. */
class DeployManifestsTest {
    private static final Path DEPLOY = Path.of(System.getProperty("basedir", ".")).resolve("../deploy").normalize();
    private static final Pattern ARGUMENT = Pattern.compile("^ {12}- (--\\S+)$", Pattern.MULTILINE);
    private static final Pattern VARIABLE = Pattern.compile("^ {12}- name: (IPSEC_KEY_AGENT_\\w+|NODE_NAME)\\b", Pattern.MULTILINE);

    @Test
    void theDaemonSetsArgumentsVariablesAndConfigFileResolveWithoutAProblemOrWarning() throws IOException {
        String daemonSet = Files.readString(DEPLOY.resolve("daemonset.yaml"));
        List<String> arguments = List.ofAll(ARGUMENT.matcher(daemonSet).results().map(match -> match.group(1)).toList());
        List<String> variables = List.ofAll(VARIABLE.matcher(daemonSet).results().map(match -> match.group(1)).toList());
        assertThat(arguments).containsExactly("--config=/etc/ipsec-key-agent/agent.yaml");
        assertThat(variables).contains("NODE_NAME", "IPSEC_KEY_AGENT_CLUSTER_NAME");

        // as on a node whose cilium-config has both keys (the DaemonSet takes them from it)
        Map<String, String> environment = variables.toJavaMap(variable -> io.vavr.Tuple.of(variable,
                variable.endsWith("_DURATION") ? "5m0s" : "node-a"));
        ConfigFileReader mountedConfigMap = path -> path.equals(Path.of("/etc/ipsec-key-agent/agent.yaml"))
                ? ConfigFileReader.fromFileSystem().read(DEPLOY.resolve("agent.yaml"))
                : io.vavr.control.Either.left("not mounted: " + path);
        ConfigResolution resolution = RunConfiguration.resolve(arguments, environment, mountedConfigMap, true);

        RunConfiguration configuration = resolution.configuration().toEither()
                .getOrElseThrow(problems -> new AssertionError(problems.map(ConfigProblem::render).mkString("; ")));
        assertThat(resolution.warnings().map(ConfigProblem::render)).isEmpty();
        assertThat(configuration.plugins().ipsecKeyFile()).isEqualTo(Path.of("/etc/ipsec/keys"));
        assertThat(configuration.observability().prometheusServeAddr().map(Object::toString)).contains(":9966");
    }
}
