package io.ipseckeyagent.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.domain.jitter.JitterPolicy;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RunCommandTest {
    private final List<RunConfiguration> launched = new ArrayList<>();
    private final List<Seq<ConfigProblem>> launchWarnings = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> environment, String... args) {
        RunLauncher launcher = (configuration, warnings) -> {
            launched.add(configuration);
            launchWarnings.add(warnings);
            return 7;
        };
        ConfigFileReader files = path -> path.equals(Path.of("agent.yaml"))
                ? Either.right("ipsec-jitter-policy: rank\n")
                : Either.left("cannot read " + path + ": no such file");
        CommandLine top = new CommandLine(new TopLevel()).addSubcommand(new RunCommand(launcher, environment, files).spec());
        top.setOut(new PrintWriter(out, true));
        top.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "run";
        System.arraycopy(args, 0, all, 1, args.length);
        return top.execute(all);
    }

    @CommandLine.Command(name = "ipsec-key-agent")
    static final class TopLevel {}

    @Test
    void helpListsEveryFlagWithItsDefaultAndEnvironmentVariable() {
        int exit = run(Map.of(), "--help");

        String help = out.toString();
        assertThat(exit).isZero();
        assertThat(help).contains("ipsec-key-agent run [--OPTION[=VALUE]]...");
        for (OptionSpec<?> option : RunOptions.ALL) {
            assertThat(help).contains(option.flag() + (option.kind() == OptionSpec.ValueKind.BOOLEAN ? "[=" : "="));
            assertThat(help).contains(option.environmentVariable());
            // picocli wraps where a line may break, also after '.' or ':'; compare without white space
            assertThat(help.replaceAll("\\s+", "")).contains(("Default: " + option.defaultDescription() + ".").replaceAll("\\s+", ""));
        }
        assertThat(help).contains("NODE_NAME", "Default: 5m0s.", "Default: auto.", "--enable-ipsec-jitter[=BOOL]");
        assertThat(help.replaceAll("\\s+", "")).contains("Default::9966.", "Precedence:flag,environment,file,default.");
        assertThat(launched).isEmpty();
    }

    @Test
    void badFlagsExitWithTwoAndListEveryProblem() {
        int exit = run(Map.of(), "--ipsec-key-rotation-duration=0", "--ipsec-jiter-policy=rank", "--log-level", "verbose",
                "--prometheus-serve-addr=9966");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(
                "error: --ipsec-jiter-policy: unknown flag; did you mean --ipsec-jitter-policy?",
                "error: --ipsec-key-rotation-duration: must be greater than 0, got 0s",
                "error: --log-level: unknown value \"verbose\"; expected one of debug, info, warn, error",
                "error: --prometheus-serve-addr: missing port in \"9966\"",
                "error: --node-name: required: set --node-name, IPSEC_KEY_AGENT_NODE_NAME or NODE_NAME",
                "ipsec-key-agent run: 5 problems in the configuration; see ipsec-key-agent run --help");
        assertThat(launched).isEmpty();
    }

    @Test
    void aValidConfigurationGoesToTheLauncherWithItsWarnings() {
        int exit = run(Map.of("NODE_NAME", "node-a"), "--config", "agent.yaml", "--ipsec-key-rotation-duration=1m");

        assertThat(exit).isEqualTo(7);
        assertThat(launched).singleElement().satisfies(configuration -> {
            assertThat(configuration.core().nodeName().value()).isEqualTo("node-a");
            assertThat(configuration.core().policy()).isEqualTo(JitterPolicy.rank());
        });
        assertThat(launchWarnings.get(0).map(ConfigProblem::render))
                .singleElement().asString().contains("no jitter, every node acts at once");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void warningsArePrintedWithTheProblems() {
        int exit = run(Map.of("IPSEC_KEY_AGENT_LOG_LEVL", "debug"), "--node-name=n1", "--log-format=xml");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(
                "error: --log-format: unknown value \"xml\"",
                "warning: IPSEC_KEY_AGENT_LOG_LEVL: unknown variable, ignored; did you mean IPSEC_KEY_AGENT_LOG_LEVEL?",
                "1 problem in the configuration");
    }
}
