package io.ipseckeyagent.bootstrap.cli;

import io.ipseckeyagent.bootstrap.config.RunCommand;
import io.ipseckeyagent.bootstrap.run.AgentRunLauncher;
import picocli.CommandLine;

/** Builds the command line of the agent jar; every subcommand is registered here and only here. */
public final class Cli {
    private Cli() {}

    public static CommandLine commandLine() {
        return new CommandLine(new AgentCommand())
                .addSubcommand(new RunCommand(new AgentRunLauncher()))
                .addSubcommand(new CheckKeysCommand())
                .setParameterExceptionHandler(Cli::usageError);
    }

    /** A usage error: the problem (picocli names the option) and where to look, not the whole help. */
    private static int usageError(CommandLine.ParameterException problem, String[] args) {
        CommandLine command = problem.getCommandLine();
        command.getErr().println(problem.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(problem, command.getErr());
        command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        command.getErr().flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
