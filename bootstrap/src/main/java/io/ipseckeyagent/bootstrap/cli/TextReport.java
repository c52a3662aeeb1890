package io.ipseckeyagent.bootstrap.cli;

import io.ipseckeyagent.domain.key.KeyFileCheck;
import io.ipseckeyagent.domain.key.KeyFileProblem;
import io.ipseckeyagent.domain.key.KeySet;
import io.vavr.collection.List;

/**
 * Compiler style: every error as {@code FILE:LINE: message}, then warnings as
 * {@code FILE:LINE: warning: message}, then one summary line.
 */
final class TextReport {
    private TextReport() {}

    static String render(String file, KeyFileCheck check) {
        StringBuilder text = new StringBuilder();
        check.errors().forEach(error -> text.append(error.render(file)).append('\n'));
        check.warnings().forEach(warning -> text.append(asWarning(warning).render(file)).append('\n'));
        text.append(check.keySet().fold(
                () -> file + ": invalid: " + count(check.errors(), "error") + warningCount(check),
                keys -> file + ": valid: " + summary(keys) + warningCount(check)));
        return text.append('\n').toString();
    }

    private static String summary(KeySet keys) {
        return count(keys.entries(), "key") + ", active SPI " + keys.activeSpi() + " ("
                + keys.active().suite().fingerprint() + ")";
    }

    private static KeyFileProblem asWarning(KeyFileProblem warning) {
        return new KeyFileProblem(warning.line(), "warning: " + warning.message()
                + warning.affects().map(versions -> " [affects: " + versions.description() + "]").getOrElse(""));
    }

    private static String warningCount(KeyFileCheck check) {
        return check.warnings().isEmpty() ? "" : ", " + count(check.warnings(), "warning");
    }

    private static String count(List<?> items, String noun) {
        return items.size() + " " + noun + (items.size() == 1 ? "" : "s");
    }
}
