package io.ipseckeyagent.bootstrap.cli;

import io.ipseckeyagent.cli.JarVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code ipsec-key-agent} command; it only dispatches to subcommands. */
@Command(
        name = "ipsec-key-agent",
        mixinStandardHelpOptions = true,
        versionProvider = JarVersion.class,
        description = "Jittered, deadline-bounded IPsec key rotation for Cilium nodes.",
        synopsisSubcommandLabel = "COMMAND")
final class AgentCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing command, one of: " + String.join(", ", spec.subcommands().keySet()));
    }
}
