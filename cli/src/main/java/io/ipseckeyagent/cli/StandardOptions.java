package io.ipseckeyagent.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code -h/--help} and {@code -V/--version} for a command modelled through picocli's programmatic
 * API, as {@code mixinStandardHelpOptions} gives them, without its annotated mixin (reading
 * annotations spins a proxy class per annotation type at start, which no AOT cache holds).
 */
public final class StandardOptions {
    private StandardOptions() {}

    public static CommandSpec addTo(CommandSpec spec) {
        return spec.versionProvider(() -> JarVersion.of(spec))
                .addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Show this help message and exit.").build())
                .addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                        .description("Print version information and exit.").build());
    }
}
