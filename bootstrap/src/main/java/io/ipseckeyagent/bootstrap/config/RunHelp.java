package io.ipseckeyagent.bootstrap.config;

import io.vavr.collection.List;
import java.util.LinkedHashMap;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Renders {@code run --help} from {@link RunOptions}, so the help lists exactly the options the
 * resolver reads, each with its default and environment variable.
 */
final class RunHelp {
    private static final String INDENT = "      ";
    private static final String TEXT_INDENT = "          ";

    private RunHelp() {}

    /** Replaces picocli's synopsis, option list and footer of {@code spec} with the registry's. */
    static void install(CommandSpec spec) {
        var sections = new LinkedHashMap<>(spec.usageMessage().sectionMap());
        sections.put(UsageMessageSpec.SECTION_KEY_SYNOPSIS, help -> help.commandSpec().qualifiedName() + " [--OPTION[=VALUE]]...\n");
        sections.put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, help -> optionList(help.commandSpec().usageMessage().width()));
        sections.put(UsageMessageSpec.SECTION_KEY_FOOTER, help -> footer(help.commandSpec().usageMessage().width()));
        spec.usageMessage().sectionMap(sections);
    }

    /** Every option: flag and value, what it does, its default and environment variables. */
    static String optionList(int width) {
        StringBuilder out = new StringBuilder();
        for (OptionSpec<?> option : RunOptions.ALL) {
            String value = option.kind() == OptionSpec.ValueKind.BOOLEAN ? "[=" + option.valueLabel() + "]" : "=" + option.valueLabel();
            out.append(INDENT).append(option.flag()).append(value).append('\n');
            out.append(wrap(option.help(), width));
            out.append(wrap("Default: " + option.defaultDescription() + ". Env: "
                    + option.environmentVariables().mkString(", ") + "."
                    + (option.inConfigFile() ? "" : " Not in the config file."), width));
        }
        out.append("  -h, --help\n").append(wrap("Show this help and exit.", width));
        return out.toString();
    }

    private static String footer(int width) {
        return "\n" + wrap("Each option can also be set in the environment as " + OptionSpec.ENVIRONMENT_PREFIX
                + " and the flag in upper snake case, or in the --config YAML file under the flag's name"
                + " (ipsec-key-rotation-duration: 5m). Precedence: flag, environment, file, default. An empty environment"
                + " variable counts as unset, except where empty has a meaning (--prometheus-serve-addr). Boolean flags: --flag,"
                + " --flag=true, --flag=false.", width, "")
                + wrap("Durations: Go style (30s, 2m30s, 1h30m, 250ms) or ISO-8601 (PT30S).", width, "")
                + wrap("Exit code 2: the configuration is invalid; every problem is listed.", width, "");
    }

    private static String wrap(String text, int width) {
        return wrap(text, width, TEXT_INDENT);
    }

    private static String wrap(String text, int width, String indent) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(indent);
        for (String word : List.of(text.split(" "))) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
                out.append(line).append('\n');
                line = new StringBuilder(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        return out.append(line).append('\n').toString();
    }
}
