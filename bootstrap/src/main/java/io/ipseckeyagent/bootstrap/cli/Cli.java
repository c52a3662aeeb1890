package io.ipseckeyagent.bootstrap.cli;

import io.ipseckeyagent.bootstrap.config.RunCommand;
import io.ipseckeyagent.bootstrap.run.AgentRunLauncher;
import io.ipseckeyagent.cli.UsageErrors;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Builds the command line of the agent jar; every subcommand is registered here and only here. */
public final class Cli {
    private Cli() {}

    /**
     * Each subcommand's model by name, in the help's order, built only when needed: {@code run}'s
     * model (every option) and launcher (logging) would cost {@code check-keys} a good part of its
     * start-up.
     */
    private static final java.util.List<Map.Entry<String, Supplier<Object>>> SUBCOMMANDS = java.util.List.of(
            Map.entry("run", () -> new RunCommand(AgentRunLauncher.preparing()).spec()),
            Map.entry("check-keys", CheckKeysCommand::spec));

    /** The whole command tree, as the help lists it. */
    public static CommandLine commandLine() {
        return withSubcommands(name -> true);
    }

    /**
     * The tree {@code args} need: when the first argument names a subcommand, the root with that
     * subcommand alone (picocli parses the rest against it alone either way), else the whole tree.
     */
    public static CommandLine commandLine(String... args) {
        return args.length > 0 && SUBCOMMANDS.stream().anyMatch(command -> command.getKey().equals(args[0]))
                ? withSubcommands(args[0]::equals)
                : commandLine();
    }

    private static CommandLine withSubcommands(Predicate<String> wanted) {
        CommandLine root = new CommandLine(AgentCommand.spec());
        SUBCOMMANDS.stream().filter(command -> wanted.test(command.getKey()))
                .forEach(command -> root.addSubcommand(command.getKey(), command.getValue().get()));
        return root.setParameterExceptionHandler(UsageErrors::print);
    }
}
