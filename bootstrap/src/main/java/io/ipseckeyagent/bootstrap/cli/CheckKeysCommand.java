package io.ipseckeyagent.bootstrap.cli;

import io.ipseckeyagent.adapters.fs.FileSystemAdapters;
import io.ipseckeyagent.cli.OutputFormat;
import io.ipseckeyagent.cli.StandardOptions;
import io.ipseckeyagent.domain.key.KeyFileCheck;
import io.ipseckeyagent.domain.key.KeyFileParser;
import io.ipseckeyagent.domain.key.KeyFileProblem;
import io.vavr.control.Try;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code check-keys}: says whether Cilium would accept a key file, and which key would be active.
 * Modelled through picocli's programmatic API, as {@code run} is: an annotated command makes the JVM
 * spin a proxy class per annotation type at start, which no AOT cache holds.
 */
final class CheckKeysCommand implements Callable<Integer> {
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name("check-keys");
    private final OptionSpec strict = OptionSpec.builder("--strict").type(boolean.class).arity("0").defaultValue("false")
            .description("Treat warnings (unknown algorithms, odd key lengths) as errors.").build();
    private final OptionSpec output = OptionSpec.builder("-o", "--output").type(OutputFormat.class)
            .converters(new OutputFormat.Converter()).paramLabel("text|json").defaultValue("text")
            .description("text: FILE:LINE: message for each error, warnings as FILE:LINE: warning: message,"
                    + " then a summary line. json: one object {file, valid, activeSpi, keys, errors, warnings}."
                    + " Default: ${DEFAULT-VALUE}.")
            .build();
    private final PositionalParamSpec file = PositionalParamSpec.builder().type(String.class).index("0").arity("1")
            .required(true).paramLabel("FILE")
            .description("The key file, e.g. /etc/ipsec/keys (symlinks are followed).").build();

    /** The command's model, ready to register. */
    static CommandSpec spec() {
        return new CheckKeysCommand().spec;
    }

    private CheckKeysCommand() {
        StandardOptions.addTo(spec).addOption(strict).addOption(output).addPositional(file);
        spec.usageMessage()
                .description(
                        "Checks an IPsec key file (Cilium's format) before you roll it out.",
                        "Reports every error with its line; on success, the active SPI (the last line's) and the"
                                + " number of keys. The report goes to standard output, in either format; usage errors"
                                + " go to standard error. Key material is never printed: a key is shown by its"
                                + " fingerprint, sha256: and 8 hex digits.")
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(new TreeMap<>(Map.of("0", "the file is valid", "1", "the file is invalid, unreadable or missing",
                        "2", "usage error")));
    }

    @Override
    public Integer call() {
        String name = file.getValue();
        // The agent's own reader: what it would refuse at run time, check-keys refuses alike.
        KeyFileCheck check = Try.of(() -> Path.of(name)).toEither(KeyFileProblem.ofFile("not a valid path"))
                .map(path -> FileSystemAdapters.keyFileSource(path).read().fold(
                        failure -> KeyFileCheck.invalid(KeyFileProblem.ofFile(failure.problem())),
                        content -> KeyFileParser.parse(content.bytes(), strict.<Boolean>getValue())))
                .fold(KeyFileCheck::invalid, parsed -> parsed);
        spec.commandLine().getOut().print(switch (output.<OutputFormat>getValue()) {
            case TEXT -> TextReport.render(name, check);
            case JSON -> JsonReport.render(name, check);
        });
        spec.commandLine().getOut().flush();
        return check.isValid() ? 0 : 1;
    }
}
