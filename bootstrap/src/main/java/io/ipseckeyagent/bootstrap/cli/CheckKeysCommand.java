package io.ipseckeyagent.bootstrap.cli;

import io.ipseckeyagent.cli.JarVersion;
import io.ipseckeyagent.adapters.fs.FileSystemAdapters;
import io.ipseckeyagent.cli.OutputFormat;
import io.ipseckeyagent.domain.key.KeyFileCheck;
import io.ipseckeyagent.domain.key.KeyFileParser;
import io.ipseckeyagent.domain.key.KeyFileProblem;
import io.vavr.control.Try;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code check-keys}: says whether Cilium would accept a key file, and which key would be active. */
@Command(
        name = "check-keys",
        mixinStandardHelpOptions = true,
        versionProvider = JarVersion.class,
        description = {
            "Checks an IPsec key file (Cilium's format) before you roll it out.",
            "Reports every error with its line; on success, the active SPI (the last line's) and the number"
                    + " of keys. The report goes to standard output, in either format; usage errors go to"
                    + " standard error. Key material is never printed: a key is shown by its fingerprint,"
                    + " sha256: and 8 hex digits."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the file is valid",
            "1:the file is invalid, unreadable or missing",
            "2:usage error"
        })
final class CheckKeysCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--strict", description = "Treat warnings (unknown algorithms, odd key lengths) as errors.")
    boolean strict;

    @Option(names = {"-o", "--output"}, paramLabel = "text|json", converter = OutputFormat.Converter.class,
            defaultValue = "text",
            description = "text: FILE:LINE: message for each error, warnings as FILE:LINE: warning: message,"
                    + " then a summary line. json: one object {file, valid, activeSpi, keys, errors, warnings}."
                    + " Default: ${DEFAULT-VALUE}.")
    OutputFormat output;

    @Parameters(paramLabel = "FILE", description = "The key file, e.g. /etc/ipsec/keys (symlinks are followed).")
    String file;

    @Override
    public Integer call() {
        // The agent's own reader: what it would refuse at run time, check-keys refuses alike.
        KeyFileCheck check = Try.of(() -> Path.of(file)).toEither(KeyFileProblem.ofFile("not a valid path"))
                .map(path -> FileSystemAdapters.keyFileSource(path).read().fold(
                        failure -> KeyFileCheck.invalid(KeyFileProblem.ofFile(failure.problem())),
                        content -> KeyFileParser.parse(content.bytes(), strict)))
                .fold(KeyFileCheck::invalid, parsed -> parsed);
        spec.commandLine().getOut().print(switch (output) {
            case TEXT -> TextReport.render(file, check);
            case JSON -> JsonReport.render(file, check);
        });
        spec.commandLine().getOut().flush();
        return check.isValid() ? 0 : 1;
    }
}
