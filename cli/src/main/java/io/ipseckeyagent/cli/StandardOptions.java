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

    /** {@code -h/--help} alone, for a command that has no version of its own. */
    public static OptionSpec help() {
        return OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build();
    }

    public static CommandSpec addTo(CommandSpec spec) {
        return spec.versionProvider(() -> JarVersion.of(spec))
                .addOption(help())
                .addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                        .description("Print version information and exit.").build());
    }
}
