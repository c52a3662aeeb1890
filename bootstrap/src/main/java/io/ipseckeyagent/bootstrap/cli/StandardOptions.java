package io.ipseckeyagent.bootstrap.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code -h/--help} and {@code -V/--version}, as picocli's {@code mixinStandardHelpOptions} gives
 * them, without its annotated mixin (reading it spins annotation proxies at start).
 */
final class StandardOptions {
    private StandardOptions() {}

    static CommandSpec addTo(CommandSpec spec) {
        return spec.versionProvider(new ManifestVersion())
                .addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Show this help message and exit.").build())
                .addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                        .description("Print version information and exit.").build());
    }
}
