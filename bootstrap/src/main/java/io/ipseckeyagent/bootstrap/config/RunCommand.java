package io.ipseckeyagent.bootstrap.config;

import io.ipseckeyagent.cli.StandardOptions;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * {@code run}: resolves and validates the configuration, reports every problem at once (exit 2),
 * or hands the configuration to the {@link RunLauncher}. Picocli only routes the arguments here;
 * {@link RunOptions} reads them, so the messages are ours and all of them are reported. Modelled
 * through picocli's programmatic API: an annotated command makes the JVM spin a proxy class per
 * annotation type at start, which no AOT cache holds.
 */
public final class RunCommand implements Callable<Integer> {
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name("run").addOption(StandardOptions.help())
            // everything but --help is left unmatched: read by RunOptions, not by picocli
            .parser(new CommandLine.Model.ParserSpec().unmatchedArgumentsAllowed(true));

    private static final String[] FOOTER = {"",
        "Each option can also be set in the environment as " + OptionSpec.ENVIRONMENT_PREFIX + " and the flag in upper snake case, or in"
                + " the --config YAML file under the flag's name (ipsec-key-rotation-duration: 5m). Precedence: flag, environment, file,"
                + " default. An empty environment variable counts as unset, except where empty has a meaning (--prometheus-serve-addr)."
                + " Boolean flags: --flag, --flag=true, --flag=false.",
        "Durations: Go style (30s, 2m30s, 1h30m, 250ms) or ISO-8601 (PT30S).",
        "Exit code 2: the configuration is invalid; every problem is listed."};

    private final RunLauncher launcher;
    private final Map<String, String> environment;
    private final ConfigFileReader files;

    /** Reads the process environment and the local file system. */
    public RunCommand(RunLauncher launcher) {
        this(launcher, System.getenv(), ConfigFileReader.fromFileSystem());
    }

    public RunCommand(RunLauncher launcher, Map<String, String> environment, ConfigFileReader files) {
        this.launcher = launcher;
        this.environment = Map.copyOf(environment);
        this.files = files;
        var sections = new java.util.LinkedHashMap<>(spec.usageMessage().sectionMap());
        sections.put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, // the options as picocli models them, built only when the help is shown
                help -> new CommandLine.Help(CommandLineFlags.model(), help.colorScheme()).optionList());
        sections.put(UsageMessageSpec.SECTION_KEY_SYNOPSIS, help -> help.commandSpec().qualifiedName() + " [--OPTION[=VALUE]]...\n");
        spec.usageMessage().sectionMap(sections).footer(FOOTER)
                .description("Run the agent on this node: watch the IPsec key file and publish the active SPI to this node's"
                        + " CiliumNode after a per-node jitter.");
    }

    /** The command's model, ready to register. */
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        ConfigResolution resolution = RunConfiguration.resolve(List.ofAll(spec.commandLine().getUnmatchedArguments()), environment, files, true);
        return resolution.configuration().fold(
                problems -> reject(problems, resolution.warnings()),
                configuration -> launcher.launch(configuration, resolution.warnings()));
    }

    private int reject(Seq<ConfigProblem> problems, Seq<ConfigProblem> warnings) {
        PrintWriter err = spec.commandLine().getErr();
        problems.forEach(problem -> err.println("error: " + problem.render()));
        warnings.forEach(warning -> err.println("warning: " + warning.render()));
        err.println(spec.qualifiedName() + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + " in the configuration; see " + spec.qualifiedName() + " --help");
        err.flush();
        return CommandLine.ExitCode.USAGE; // an invalid configuration is a usage error
    }
}
