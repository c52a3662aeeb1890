package io.ipseckeyagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.junit.jupiter.api.Test;

/** What both jars' command lines share, on a command of the test's own. */
class CliConventionsTest {
    @Command(name = "tool", mixinStandardHelpOptions = true, versionProvider = JarVersion.class)
    static final class Tool implements Runnable {
        @Option(names = "-o", converter = OutputFormat.Converter.class, defaultValue = "text")
        OutputFormat output;

        @Override
        public void run() {}
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new Tool()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .setParameterExceptionHandler(UsageErrors::print).execute(args);
    }

    @Test
    void theVersionIsTheRootCommandsNameAndDevOutsideAJar() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).isEqualTo("tool dev" + System.lineSeparator());
    }

    @Test
    void aUsageErrorSaysTheProblemAndWhereToLookNotTheWholeHelp() {
        assertThat(run("-o", "xml")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("Invalid value for option '-o': expected text or json, was 'xml'" + System.lineSeparator()
                + "Try 'tool --help' for more information." + System.lineSeparator());
    }
}
