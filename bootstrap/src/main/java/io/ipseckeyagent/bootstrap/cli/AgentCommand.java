package io.ipseckeyagent.bootstrap.cli;

import io.ipseckeyagent.cli.StandardOptions;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The top-level {@code ipsec-key-agent} command; it only dispatches to subcommands. */
final class AgentCommand implements Runnable {
    private final CommandSpec spec = StandardOptions.addTo(CommandSpec.wrapWithoutInspection(this).name("ipsec-key-agent"));

    /** The command's model, ready to register its subcommands. */
    static CommandSpec spec() {
        return new AgentCommand().spec;
    }

    private AgentCommand() {
        spec.usageMessage()
                .description("Jittered, deadline-bounded IPsec key rotation for Cilium nodes.")
                .synopsisSubcommandLabel("COMMAND");
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing command, one of: " + String.join(", ", spec.subcommands().keySet()));
    }
}
