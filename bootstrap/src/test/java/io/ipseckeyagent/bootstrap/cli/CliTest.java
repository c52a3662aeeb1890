package io.ipseckeyagent.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The tree Main builds: only the subcommand the arguments name, the whole tree otherwise. */
class CliTest {
    @Test
    void aNamedSubcommandIsBuiltAlone() {
        assertThat(Cli.commandLine("check-keys", "/etc/ipsec/keys").getSubcommands()).containsOnlyKeys("check-keys");
        assertThat(Cli.commandLine("run", "--node-name=n").getSubcommands()).containsOnlyKeys("run");
    }

    @Test
    void anythingElseGetsTheWholeTreeInTheHelpsOrder() {
        assertThat(Cli.commandLine().getSubcommands().keySet()).containsExactly("run", "check-keys");
        assertThat(Cli.commandLine("--help").getSubcommands().keySet()).containsExactly("run", "check-keys");
        assertThat(Cli.commandLine("check").getSubcommands().keySet()).containsExactly("run", "check-keys");
    }

    @Test
    void anUnknownCommandIsStillAnsweredWithTheKnownOnes() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = Cli.commandLine("check-key");
        commandLine.setErr(new PrintWriter(err, true));

        assertThat(commandLine.execute("check-key")).isEqualTo(2);
        assertThat(err.toString()).contains("check-keys");
    }
}
