package io.ipseckeyagent.cli;

import picocli.CommandLine;

/** How both jars say a usage error: the problem (picocli names the option), suggestions, and where to look, not the whole help. */
public final class UsageErrors {
    private UsageErrors() {}

    /** A {@link CommandLine.IParameterExceptionHandler}: {@code commandLine.setParameterExceptionHandler(UsageErrors::print)}. */
    public static int print(CommandLine.ParameterException problem, String[] args) {
        CommandLine command = problem.getCommandLine();
        command.getErr().println(problem.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(problem, command.getErr());
        command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        command.getErr().flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
