package io.ipseckeyagent.simulator;

import io.ipseckeyagent.cli.JarVersion;
import io.ipseckeyagent.cli.UsageErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the simulator jar: {@code simulate} (virtual time, any fleet size) and {@code demo} (real parts). */
@Command(
        name = "ipsec-key-agent-simulator",
        mixinStandardHelpOptions = true,
        versionProvider = JarVersion.class,
        description = "Shows the write rate a key rotation puts on the API server, with and without jitter.",
        subcommands = {SimulateCommand.class, AdviseCommand.class, DemoCommand.class})
public final class SimulatorMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, for tests to run in process. */
    public static CommandLine commandLine() {
        return new CommandLine(new SimulatorMain()).setParameterExceptionHandler(UsageErrors::print);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
